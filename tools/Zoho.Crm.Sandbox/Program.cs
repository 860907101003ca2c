using Zoho.Crm.Sandbox.Fixtures;
using Zoho.Crm.Sandbox.Hosting;

namespace Zoho.Crm.Sandbox;

/// <summary>Standalone entry point: <c>dotnet run --project tools/Zoho.Crm.Sandbox -- --port 5080</c>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        SandboxOptions options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        await using var sandbox = await ZohoSandbox.StartAsync(options).ConfigureAwait(false);
        var baseUrl = sandbox.BaseUri.ToString().TrimEnd('/');
        Console.WriteLine($"Zoho CRM sandbox listening on {baseUrl}");
        Console.WriteLine($"  accounts (token): {baseUrl}/oauth/v2/token");
        Console.WriteLine($"  CRM API:          {baseUrl}/crm/v7/users");
        Console.WriteLine($"  control:          {baseUrl}/__sandbox/state");
        if (options.Org is null && options.OrgFixturePath is null)
        {
            Console.WriteLine($"  default org: client_id={DefaultOrg.ClientId} (client secret and refresh token: see tools/Zoho.Crm.Sandbox/README.md)");
        }

        Console.WriteLine("Press Ctrl+C to stop.");

        // The host's console lifetime turns Ctrl+C and SIGTERM into a graceful stop.
        await sandbox.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
