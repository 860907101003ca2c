namespace Offboarding.Bench.Charts;

/// <summary>One named series of points; drawn as a line or as bars.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, Rgb Colour, bool Bars = false);
