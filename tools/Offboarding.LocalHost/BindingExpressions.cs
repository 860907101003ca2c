using System.Text.RegularExpressions;

namespace Offboarding.LocalHost;

/// <summary>Resolves <c>%NAME%</c> in trigger attributes from app settings, as the Functions host does.</summary>
public static partial class BindingExpressions
{
    public static string Resolve(string value, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(configuration);
        return Setting().Replace(value, match =>
        {
            var name = match.Groups["name"].Value;
            return configuration[name] ?? configuration[name.Replace("__", ":", StringComparison.Ordinal)]
                ?? throw new InvalidOperationException($"The app setting {name} is not set; a trigger refers to it as %{name}%.");
        });
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_:.]+)%")]
    private static partial Regex Setting();
}
