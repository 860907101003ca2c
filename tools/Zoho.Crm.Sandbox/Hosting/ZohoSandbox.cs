using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Zoho.Crm.Sandbox.Hosting;

/// <summary>Starts the sandbox in-process over real HTTP (Kestrel on 127.0.0.1, a free port unless one is given).</summary>
public static class ZohoSandbox
{
    public static async Task<RunningSandbox> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        var app = SandboxApp.Build(options ?? new SandboxOptions());
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
                ?? throw new InvalidOperationException("Kestrel reported no address.");
            return new RunningSandbox(app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
