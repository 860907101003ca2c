using Microsoft.Extensions.Configuration;

namespace Offboarding.Functions.Events;

/// <summary>Where the app answers when nobody set <c>Events__SchemaBaseUri</c>: the Functions host's own name in Azure, the
/// local host's address on a workstation, and Core Tools' default port as the last resort.</summary>
public static class AppBaseUri
{
    /// <summary>Set by App Service and Flex Consumption to the app's default host name.</summary>
    public const string WebsiteHostName = "WEBSITE_HOSTNAME";

    /// <summary>What <c>func start</c> listens on unless told otherwise.</summary>
    public static readonly Uri CoreToolsDefault = new("http://localhost:7071");

    public static Uri From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[WebsiteHostName] is { Length: > 0 } hostName)
        {
            return new Uri($"https://{hostName}");
        }

        // ASPNETCORE_URLS, as run.sh gives the local host (read as "urls" by the web host, as is by the worker).
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"];
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return Uri.TryCreate(first?.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var local)
            ? local
            : CoreToolsDefault;
    }
}
