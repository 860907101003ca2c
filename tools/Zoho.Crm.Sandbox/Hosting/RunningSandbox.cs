using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Sandbox.Hosting;

/// <summary>A sandbox serving on loopback. One host answers both the accounts (token) and CRM API paths.</summary>
public sealed class RunningSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningSandbox(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Control = new SandboxControlClient(baseUri);
    }

    /// <summary>e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Where to send <c>POST /oauth/v2/token</c> (Zoho's accounts server).</summary>
    public Uri AccountsUri => BaseUri;

    /// <summary>The CRM API domain (also what the token endpoint answers as <c>api_domain</c>).</summary>
    public Uri ApiDomain => BaseUri;

    public SandboxControlClient Control { get; }

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
