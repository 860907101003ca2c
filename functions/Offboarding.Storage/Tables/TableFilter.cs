using System.Globalization;

namespace Offboarding.Storage.Tables;

/// <summary>
/// Builds OData filters from an interpolated string, turning every interpolated value into a typed literal:
/// <c>TableFilter.Create($"PartitionKey eq {pk} and Due le {now}")</c>. Strings are quoted with single quotes
/// doubled, so a value like <c>x' or 'a' eq 'a</c> stays one string literal and cannot change the query.
/// </summary>
public static class TableFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>One value as an OData literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("A filter value cannot be null; table properties are never null, test for absence another way.", nameof(value)),
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        char c => Literal(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        Guid g => $"guid'{g:D}'",
        DateTimeOffset dto => $"datetime'{dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}'",
        DateTime dt => Literal(dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : new DateTimeOffset(dt)),
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be a filter value.", nameof(value)),
    };
}
