using Offboarding.Bench.Charts;
using Offboarding.Bench.Measurements;

namespace Offboarding.Bench.Reporting;

/// <summary>The PNG next to the table: throughput over time, and the two latency distributions as histograms.</summary>
public static class ResultChart
{
    private const int Width = 1000;
    private const int PanelHeight = 300;
    private const string StallLegend = "Azurite answered nothing (> 1 s)";

    public static void Write(BenchmarkFigures figures, string path)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var data = figures.Data;
        var canvas = new Canvas(Width, PanelHeight * 4);
        var (intake, transfers, completions) = figures.Timeline();
        new ChartPanel
        {
            Title = $"Throughput: burst of {data.Options.Count}, then {data.Options.PacedCount} paced",
            XLabel = "seconds since the burst started",
            YLabel = "per second",
            Series =
            [
                new ChartSeries("webhooks accepted", intake, Rgb.Blue),
                new ChartSeries("Zoho transfer calls", transfers, Rgb.Orange),
                new ChartSeries("completion events", completions, Rgb.Green),
            ],
            Shaded = figures.StallTimeline(),
            ShadedName = StallLegend,
        }.Draw(canvas, 0, 0, Width, PanelHeight);
        new ChartPanel
        {
            Title = "Backlog: offboarding-requests queue length",
            XLabel = "seconds since the burst started",
            YLabel = "messages",
            Series = [new ChartSeries("approximate length", figures.QueueDepthTimeline(), Rgb.Red)],
            Shaded = figures.StallTimeline(),
            ShadedName = StallLegend,
        }.Draw(canvas, 0, PanelHeight, Width, PanelHeight);
        new ChartPanel
        {
            Title = "Webhook accepted to Zoho transfer call (paced)",
            XLabel = "ms",
            YLabel = "offboardings",
            Series = [new ChartSeries("paced", Histogram(figures.WebhookToTransfer(data.Paced).Values), Rgb.Orange, Bars: true)],
        }.Draw(canvas, 0, PanelHeight * 2, Width, PanelHeight);
        // The burst's, as its target is: the paced phase never waits for a slot, so mixing it in would flatter the shape.
        var completion = figures.JobToEvent(data.Burst);
        new ChartPanel
        {
            Title = completion.Count == 0
                ? "Zoho job completed to completion event (burst)"
                : $"Zoho job completed to completion event (burst): p50 {completion[50]:0} ms, p99 {completion[99]:0} ms",
            XLabel = "ms",
            YLabel = "offboardings",
            Series = [new ChartSeries("burst", Histogram(completion.Values), Rgb.Green, Bars: true)],
        }.Draw(canvas, 0, PanelHeight * 3, Width, PanelHeight);
        canvas.SavePng(path);
    }

    // About 30 equal buckets from the smallest to the largest value, empty ones included so bars stay evenly spaced.
    private static List<(double X, double Y)> Histogram(IReadOnlyList<double> sorted)
    {
        if (sorted.Count == 0)
        {
            return [];
        }

        var min = Math.Floor(sorted[0]);
        var width = Math.Max(1, Math.Ceiling((sorted[^1] - min) / 30));
        var counts = sorted.GroupBy(v => (int)((v - min) / width)).ToDictionary(g => g.Key, g => g.Count());
        return [.. Enumerable.Range(0, counts.Keys.Max() + 1).Select(b => (min + (b * width), (double)counts.GetValueOrDefault(b)))];
    }
}
