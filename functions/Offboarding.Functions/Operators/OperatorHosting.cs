using Microsoft.Extensions.Configuration;

namespace Offboarding.Functions.Operators;

/// <summary>
/// What the platform says about where the app runs, from the variables App Service sets itself: running in Azure at
/// all (<c>WEBSITE_SITE_NAME</c>), and Easy Auth in front (<c>WEBSITE_AUTH_ENABLED</c>), in which case the platform
/// strips any <c>X-MS-CLIENT-PRINCIPAL</c> a caller sends and sets its own.
/// </summary>
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
