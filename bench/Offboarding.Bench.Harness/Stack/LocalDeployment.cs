using TestSupport;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Hosting;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>
/// Everything a run needs, started in order and stopped in reverse: Azurite (its own node process), the Zoho
/// sandbox (hosted in this process on a free port: it stands in for a remote service, and its call log is read
/// in-process), and the app as a separate process configured through environment variables.
/// </summary>
public sealed class LocalDeployment : IAsyncDisposable
{
    private readonly List<AppProcess> _apps = [];

    private LocalDeployment(AzuriteProcess azurite, RunningSandbox sandbox, LeaverOrg org, string workFolder)
    {
        Azurite = azurite;
        Sandbox = sandbox;
        Org = org;
        WorkFolder = workFolder;
    }

    public AzuriteProcess Azurite { get; }

    public RunningSandbox Sandbox { get; }

    public SandboxControlClient Control => Sandbox.Control;

    public LeaverOrg Org { get; }

    /// <summary>Scratch folder of the run: Azurite's data (when persistent) and the app's console log.</summary>
    public string WorkFolder { get; }

    /// <summary>The app instances started, all on the same storage account and sandbox.</summary>
    public IReadOnlyList<AppProcess> Apps => _apps;

    /// <summary>Starts Azurite and the sandbox; the app comes later (<see cref="StartAppAsync"/>) so probes can run first.</summary>
    public static async Task<LocalDeployment> StartAsync(LeaverOrg org, SandboxOptions sandboxOptions, bool persistentStorage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(sandboxOptions);
        var work = Path.Combine(Path.GetTempPath(), $"offboarding-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var azurite = await AzuriteProcess.StartAsync(persistentStorage ? Path.Combine(work, "azurite") : null, cancellationToken).ConfigureAwait(false);
        try
        {
            var sandbox = await ZohoSandbox.StartAsync(sandboxOptions with { Org = org.Fixture }, cancellationToken).ConfigureAwait(false);
            return new LocalDeployment(azurite, sandbox, org, work);
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The app settings for this stack's storage and sandbox, to adjust and pass to <see cref="StartAppAsync"/>.</summary>
    public AppSettings BaseSettings() => new() { StorageConnectionString = Azurite.ConnectionString, SandboxUri = Sandbox.BaseUri };

    public async Task<AppProcess> StartAppAsync(AppSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var log = _apps.Count == 0 ? "app.log" : $"app-{_apps.Count + 1}.log";
        var app = await AppProcess.StartAsync(settings.ToEnvironment(), Path.Combine(WorkFolder, log), cancellationToken).ConfigureAwait(false);
        _apps.Add(app);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        await Sandbox.DisposeAsync().ConfigureAwait(false);
        await Azurite.DisposeAsync().ConfigureAwait(false);
        // Azurite's data goes; the app's console log stays for a look after a failed run.
        var data = Path.Combine(WorkFolder, "azurite");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
