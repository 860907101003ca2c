using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Tests.EndToEnd;
using Offboarding.LocalHost;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting;

/// <summary>
/// The local Functions host (AddLocalFunctionsHost + MapLocalFunctions, as tools/Offboarding.LocalHost's Program.cs does)
/// around the given [Function] classes, on Kestrel on a free loopback port.
/// </summary>
internal sealed class FunctionAppHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionAppHost(WebApplication app, Uri baseAddress, CapturedLogs logs)
    {
        Logs = logs;
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every line logged, the local host's own at Debug: how tests see that something was checked.</summary>
    public CapturedLogs Logs { get; }

    /// <param name="register">Registers what the function classes need.</param>
    /// <param name="settings">App settings, in configuration form.</param>
    /// <param name="functionClasses">The classes whose [Function] methods this host runs.</param>
    public static Task<FunctionAppHost> StartAsync(
        Action<IServiceCollection, IConfiguration> register,
        IDictionary<string, string?> settings,
        params Type[] functionClasses) =>
        StartAsync(FreePort.Next(), register, settings, functionClasses);

    /// <summary>On a port chosen beforehand: for settings that must name the host's own address.</summary>
    public static async Task<FunctionAppHost> StartAsync(
        int port,
        Action<IServiceCollection, IConfiguration> register,
        IDictionary<string, string?> settings,
        params Type[] functionClasses)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var all = new Dictionary<string, string?>
        {
            [HostJsonConfiguration.AppRootSetting] = RepositoryRoot.Path,
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Offboarding.LocalHost"] = "Debug",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.AddLocalFunctionsHost(functionClasses.Select(t => t.Assembly), functionClasses.Contains);
        register(builder.Services, builder.Configuration);
        var app = builder.Build();
        app.MapLocalFunctions();
        await app.StartAsync().ConfigureAwait(false);
        return new FunctionAppHost(app, new Uri($"http://127.0.0.1:{port}"), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
