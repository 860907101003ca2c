using Microsoft.Extensions.Configuration;

namespace Offboarding.Functions.Operators;

/// <summary>Where the app runs, from what App Service sets itself: in Azure at all, and Easy Auth in front (which then
/// strips any caller's <c>X-MS-CLIENT-PRINCIPAL</c> and sets its own).</summary>
public sealed record OperatorHosting(bool InAzure, bool EasyAuthEnabled)
{
    public const string SiteNameVariable = "WEBSITE_SITE_NAME";
    public const string AuthEnabledVariable = "WEBSITE_AUTH_ENABLED";

    public static OperatorHosting From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new OperatorHosting(
            !string.IsNullOrEmpty(configuration[SiteNameVariable]),
            string.Equals(configuration[AuthEnabledVariable], "true", StringComparison.OrdinalIgnoreCase));
    }
}
