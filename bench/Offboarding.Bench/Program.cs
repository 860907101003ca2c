using Offboarding.Bench.Charts;

var canvas = new Canvas(900, 700);
new ChartPanel
{
    Title = "Throughput over time", XLabel = "seconds", YLabel = "per second",
    Series = [new ChartSeries("intake", [(0, 10), (1, 50), (2, 80), (3, 75)], Rgb.Blue), new ChartSeries("zoho calls", [(0, 0), (1, 20), (2, 40), (3, 45)], Rgb.Orange)],
}.Draw(canvas, 0, 0, 900, 350);
new ChartPanel
{
    Title = "Latency distribution", XLabel = "ms", YLabel = "count",
    Series = [new ChartSeries("webhook to zoho call", [(50, 3), (100, 10), (150, 20), (200, 4)], Rgb.Green, Bars: true)],
}.Draw(canvas, 0, 350, 900, 350);
canvas.SavePng("/tmp/chart.png");
