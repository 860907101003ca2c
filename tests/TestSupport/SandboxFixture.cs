using Xunit;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Hosting;

namespace TestSupport;

/// <summary>
/// xunit fixture: one in-process Zoho CRM sandbox (real HTTP on a free loopback port) per test class or
/// collection, serving the shipped default org. Call <see cref="SandboxControlClient.ResetAsync"/> between
/// tests that change the org. Derive and override <see cref="Options"/> for other settings.
/// </summary>
public class SandboxFixture : IAsyncLifetime
{
    private RunningSandbox? _sandbox;

    public RunningSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("The sandbox has not started.");

    public Uri BaseUri => Sandbox.BaseUri;

    public SandboxControlClient Control => Sandbox.Control;

    protected virtual SandboxOptions Options => new();

    public async Task InitializeAsync() => _sandbox = await ZohoSandbox.StartAsync(Options).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync().ConfigureAwait(false);
        }
    }
}
