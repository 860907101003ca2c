using TestSupport;
using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>Base for tests that share one sandbox per class: each test starts from a reset org.</summary>
public abstract class SandboxTest(SandboxFixture fixture) : IAsyncLifetime, IDisposable
{
    protected ZohoHttp Zoho { get; } = new(fixture.BaseUri);

    protected SandboxControlClient Control => fixture.Control;

    protected Uri BaseUri => fixture.BaseUri;

    public virtual Task InitializeAsync() => Control.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Zoho.Dispose();
        GC.SuppressFinalize(this);
    }
}
