using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Configuration;
using TestSupport;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Hosting;

namespace Offboarding.Console.Tests.Stack;

/// <summary>
/// The running system the console is tested against: Azurite, the Zoho sandbox, and the function app on the local
/// Functions host as its own process (as ./run.sh runs it), with an operator key of its own.
/// </summary>
internal sealed class ConsoleStack : IAsyncDisposable
{
    /// <summary>Zoho jobs finish after this long unless a test holds them longer.</summary>
    public const double JobSeconds = 1;

    private readonly AzuriteProcess _azurite;
    private readonly RunningSandbox _sandbox;
    private readonly AppProcess _app;

    private ConsoleStack(AzuriteProcess azurite, RunningSandbox sandbox, AppProcess app, string operatorKey)
    {
        _azurite = azurite;
        _sandbox = sandbox;
        _app = app;
        OperatorKey = operatorKey;
        Http = new HttpClient { BaseAddress = app.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        Api = new OperatorApiClient(Http, operatorKey);
        Hris = new HrisWebhook(Http);
    }

    public Uri BaseUri => _app.BaseUri;

    public Uri ConsoleUri => new(_app.BaseUri, "api/console");

    public string OperatorKey { get; }

    public HttpClient Http { get; }

    public OperatorApiClient Api { get; }

    public HrisWebhook Hris { get; }

    public SandboxControlClient Sandbox => _sandbox.Control;

    public static async Task<ConsoleStack> StartAsync(IReadOnlyDictionary<string, string> extraSettings)
    {
        var azurite = await AzuriteProcess.StartAsync().ConfigureAwait(false);
        RunningSandbox? sandbox = null;
        try
        {
            sandbox = await ZohoSandbox.StartAsync(new SandboxOptions { JobDurationSeconds = JobSeconds }).ConfigureAwait(false);
            // A fresh key (32 hex digits, the minimum length) per run: nothing about the tests depends on a known key.
            var operatorKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var settings = new AppSettings
            {
                StorageConnectionString = azurite.ConnectionString,
                SandboxUri = sandbox.BaseUri,
                PollSchedule = "*/1 * * * * *",
                PollBackoff = "00:00:01",
                Extra = new Dictionary<string, string>(extraSettings) { [SettingNames.OperatorsKey] = operatorKey },
            };
            var logPath = Path.Combine(Path.GetTempPath(), $"console-tests-app-{Guid.NewGuid():N}.log");
            var app = await AppProcess.StartAsync(settings.ToEnvironment(), logPath).ConfigureAwait(false);
            return new ConsoleStack(azurite, sandbox, app, operatorKey);
        }
        catch
        {
            if (sandbox is not null)
            {
                await sandbox.DisposeAsync().ConfigureAwait(false);
            }

            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
        await _sandbox.DisposeAsync().ConfigureAwait(false);
        await _azurite.DisposeAsync().ConfigureAwait(false);
    }
}
