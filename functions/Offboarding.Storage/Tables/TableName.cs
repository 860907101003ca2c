using System.Text.RegularExpressions;

namespace Offboarding.Storage.Tables;

/// <summary>The service's table naming rules, checked before any request.</summary>
internal static partial class TableName
{
    public static string Validate(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!Pattern().IsMatch(name) || name.Equals("tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{name}' is not a valid table name: 3-63 letters and digits, starting with a letter, not 'tables'.", parameterName);
        }

        return name;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
