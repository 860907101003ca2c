using Offboarding.Bench.Harness.Stack;
using TestSupport;
using Zoho.Crm.Sandbox.Hosting;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// One real Azurite and one real Zoho sandbox (HTTP on loopback) shared by the end-to-end tests, which run
/// one after another in <see cref="PipelineTestGroup"/>. Each test builds its own pipeline over them and
/// uses its own source event ids, so records never collide; the sandbox is reset per test.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private RunningSandbox? _sandbox;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public RunningSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("The sandbox has not started.");

    /// <summary>Every CloudEvent read from the events queue so far (reading removes them from the queue).</summary>
    public List<Azure.Messaging.CloudEvent> Events { get; } = [];

    public async Task InitializeAsync()
    {
        var azurite = AzuriteProcess.StartAsync();
        var sandbox = ZohoSandbox.StartAsync(new SandboxOptions { JobDurationSeconds = 0.3 });
        _azurite = await azurite.ConfigureAwait(false);
        _sandbox = await sandbox.ConfigureAwait(false);

        // What the app's start-up does (StorageProvisioner); the harnesses build the pipeline without a host.
        await StorageAccount.Pipeline(_azurite.ConnectionString).CreateAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync().ConfigureAwait(false);
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
