using System.Text.RegularExpressions;

namespace Offboarding.Storage.Queues;

/// <summary>The service's queue naming rules, checked before any request so a bad name fails clearly.</summary>
internal static partial class QueueName
{
    public static string Validate(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!Pattern().IsMatch(name) || name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid queue name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                parameterName);
        }

        return name;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
