using TestSupport;
using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Tests.Support;

/// <summary>Base of test classes on one sandbox: every test starts from the default org, default settings and an empty call log.</summary>
public abstract class SandboxTest(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    protected SandboxFixture Sandbox { get; } = sandbox;

    protected SandboxControlClient Control => Sandbox.Control;

    public virtual Task InitializeAsync() => Control.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Calls the sandbox logged for an endpoint (optionally with one status).</summary>
    protected Task<int> CallsAsync(string endpoint, int? status = null) => Control.CountAsync(endpoint, status);
}
