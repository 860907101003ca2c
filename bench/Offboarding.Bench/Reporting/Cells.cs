using System.Globalization;
using Offboarding.Bench.Measurements;

namespace Offboarding.Bench.Reporting;

/// <summary>How the tables write their figures: invariant culture, whole milliseconds, two-decimal ratios.</summary>
internal static class Cells
{
    public static string Inv(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Ms(Percentiles p) => p.Count == 0 ? "n/a" : Inv($"{p[50]:0} / {p[95]:0} / {p[99]:0} ms");

    /// <summary>One percentile in whole ms, "n/a" for an empty sample.</summary>
    public static string Ms(Percentiles p, double percentile) => p.Count == 0 ? "n/a" : Inv($"{p[percentile]:0}");

    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "";

    public static string Met(bool? met) => met is { } m ? (m ? "yes" : "**no**") : "";
}
