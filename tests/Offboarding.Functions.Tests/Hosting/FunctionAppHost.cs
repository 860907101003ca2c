using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Offboarding.Functions.Hosting;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting;

/// <summary>
/// The real app composition (AddFunctionHosting + MapFunctions, as Program.cs does) around test functions, on
/// Kestrel on a free loopback port. In custom-handler mode it listens where FUNCTIONS_CUSTOMHANDLER_PORT says, as
/// it does when the Functions host starts it.
/// </summary>
internal sealed class FunctionAppHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionAppHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<FunctionAppHost> StartAsync(
        FunctionHostingMode mode,
        Action<IServiceCollection> registerFunctions,
        IDictionary<string, string?>? settings = null) =>
        StartAsync(mode, (services, _) => registerFunctions(services), settings);

    public static async Task<FunctionAppHost> StartAsync(
        FunctionHostingMode mode,
        Action<IServiceCollection, IConfiguration> registerFunctions,
        IDictionary<string, string?>? settings = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        var all = new Dictionary<string, string?>
        {
            [HostJsonConfiguration.AppRootSetting] = RepositoryRoot.Path,
            ["Logging:LogLevel:Default"] = "Information",
        };
        if (mode == FunctionHostingMode.CustomHandler)
        {
            all[FunctionHostingModeDetector.CustomHandlerPortSetting] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.AddFunctionHosting();
        registerFunctions(builder.Services, builder.Configuration);
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync().ConfigureAwait(false);
        return new FunctionAppHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
