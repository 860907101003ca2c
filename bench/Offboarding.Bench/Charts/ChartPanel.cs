using System.Globalization;

namespace Offboarding.Bench.Charts;

/// <summary>Draws one chart (title, axes with ticks, a legend, the series) into a rectangle of a canvas.</summary>
public sealed class ChartPanel
{
    private const int Ticks = 5;

    public required string Title { get; init; }

    public required string XLabel { get; init; }

    public required string YLabel { get; init; }

    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>Stretches of the x axis to shade behind the series (e.g. when storage answered nothing), named in the legend.</summary>
    public IReadOnlyList<(double From, double To)> Shaded { get; init; } = [];

    public string ShadedName { get; init; } = "";

    public void Draw(Canvas canvas, int left, int top, int width, int height)
    {
        const int margin = 60;
        int plotLeft = left + margin, plotTop = top + 40, plotWidth = width - margin - 20, plotHeight = height - 40 - 50;

        canvas.DrawText(left + 10, top + 10, Title, Rgb.Black, 2);
        var points = Series.SelectMany(s => s.Points).ToList();
        var xMin = points.Count == 0 ? 0 : points.Min(p => p.X);
        var xMax = points.Count == 0 ? 1 : points.Max(p => p.X);
        var yMax = points.Count == 0 ? 1 : points.Max(p => p.Y);
        if (xMax <= xMin)
        {
            xMax = xMin + 1;
        }

        var bars = Series.FirstOrDefault(s => s.Bars && s.Points.Count > 1);
        if (bars is not null)
        {
            // Half a bar of room at each end so the outer bars stay inside the axes.
            var half = (xMax - xMin) / (bars.Points.Count - 1) / 2;
            xMin -= half;
            xMax += half;
        }

        if (yMax <= 0)
        {
            yMax = 1;
        }

        int Px(double x) => plotLeft + (int)Math.Round((x - xMin) / (xMax - xMin) * plotWidth);
        int Py(double y) => plotTop + plotHeight - (int)Math.Round(y / yMax * plotHeight);

        foreach (var (from, to) in Shaded)
        {
            var x0 = Math.Clamp(Px(from), plotLeft, plotLeft + plotWidth);
            var x1 = Math.Clamp(Px(to), plotLeft, plotLeft + plotWidth);
            if (x1 > x0)
            {
                canvas.FillRectangle(x0, plotTop, x1 - x0, plotHeight, Rgb.Shade);
            }
        }

        for (var i = 0; i <= Ticks; i++)
        {
            var y = yMax * i / Ticks;
            canvas.DrawLine(plotLeft, Py(y), plotLeft + plotWidth, Py(y), Rgb.Grid);
            var label = Format(y);
            canvas.DrawText(plotLeft - Canvas.TextWidth(label) - 4, Py(y) - 3, label, Rgb.Black);

            var x = xMin + ((xMax - xMin) * i / Ticks);
            var xLabel = Format(x);
            canvas.DrawText(Px(x) - (Canvas.TextWidth(xLabel) / 2), plotTop + plotHeight + 6, xLabel, Rgb.Black);
        }

        canvas.DrawLine(plotLeft, plotTop, plotLeft, plotTop + plotHeight, Rgb.Black);
        canvas.DrawLine(plotLeft, plotTop + plotHeight, plotLeft + plotWidth, plotTop + plotHeight, Rgb.Black);
        canvas.DrawText(plotLeft + (plotWidth / 2) - (Canvas.TextWidth(XLabel) / 2), plotTop + plotHeight + 22, XLabel, Rgb.Black);
        canvas.DrawText(left + 4, plotTop - 14, YLabel, Rgb.Black);

        var legendX = plotLeft + plotWidth - 10;
        for (var s = 0; s < Series.Count; s++)
        {
            var series = Series[s];
            DrawSeries(canvas, series, Px, Py, plotWidth);
            DrawLegendEntry(canvas, legendX, plotTop + 6 + (s * 12), series.Name, series.Colour);
        }

        if (Shaded.Count > 0)
        {
            DrawLegendEntry(canvas, legendX, plotTop + 6 + (Series.Count * 12), ShadedName, Rgb.Shade);
        }
    }

    private static void DrawLegendEntry(Canvas canvas, int right, int y, string name, Rgb colour)
    {
        var nameX = right - Canvas.TextWidth(name);
        canvas.FillRectangle(nameX - 14, y, 10, 7, colour);
        canvas.DrawText(nameX, y, name, Rgb.Black);
    }

    private static void DrawSeries(Canvas canvas, ChartSeries series, Func<double, int> px, Func<double, int> py, int plotWidth)
    {
        if (series.Bars)
        {
            var barWidth = Math.Max(1, (plotWidth / Math.Max(1, series.Points.Count)) - 4);
            foreach (var (x, y) in series.Points)
            {
                var top = py(y);
                canvas.FillRectangle(px(x) - (barWidth / 2), top, barWidth, py(0) - top, series.Colour);
            }

            return;
        }

        for (var i = 1; i < series.Points.Count; i++)
        {
            var (x0, y0) = series.Points[i - 1];
            var (x1, y1) = series.Points[i];
            canvas.DrawLine(px(x0), py(y0), px(x1), py(y1), series.Colour, 2);
        }
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 || value == Math.Floor(value)
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.#", CultureInfo.InvariantCulture);
}
