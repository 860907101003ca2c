using System.Globalization;
using System.Text;
using Offboarding.Bench.Charts;
using Offboarding.Bench.Harness.Stack;

namespace Offboarding.Bench.Scaling;

/// <summary>The <c>scaling</c> verb: the same burst with 1, 2, 3… app instances, to show that added instances neither lose
/// throughput nor exceed Zoho's limits; a table in bench/results/scaling.md and a chart in scaling.png.</summary>
public static class ScalingCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, string command, CancellationToken cancellationToken)
    {
        var options = ScalingOptions.Parse(args);
        Say($"scaling: {options.Describe()}; instances {string.Join(", ", options.Instances)}");
        var points = new List<ScalingPoint>();
        foreach (var instances in options.Instances)
        {
            points.Add(await ScalingRun.RunAsync(options, instances, Say, cancellationToken).ConfigureAwait(false));
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Scaling across instances, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {MachineInfo.Current()} (every instance, Azurite and the sandbox share it)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- command: `{command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- run: {options.Describe()}").AppendLine();
        text.AppendLine("| instances | finished | seconds | offboardings/s | share of J / job duration | peak Zoho calls at once (org limit) | peak jobs at once (J) | refused for the job limit | refused for API concurrency |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Instances} | {p.Finished} of {options.Count} | {p.Elapsed.TotalSeconds:0.0} | {p.PerSecond:0.0} | {p.PerSecond / options.JobCeilingPerSecond:P0} | {p.PeakConcurrentCalls} ({options.OrgConcurrencyLimit}) | {p.PeakJobs} ({options.JobLimit}) | {p.RefusedForJobLimit} | {p.RefusedForConcurrency} |");
        }

        var folder = Path.Combine(TestSupport.RepositoryRoot.Path, "bench", "results");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "scaling.md"), text.ToString(), cancellationToken).ConfigureAwait(false);
        WriteChart(options, points, Path.Combine(folder, "scaling.png"));
        Console.WriteLine();
        Console.WriteLine(text);
        var limitsHeld = points.All(p => p.RefusedForJobLimit == 0 && p.RefusedForConcurrency == 0 && p.PeakJobs <= options.JobLimit && p.PeakConcurrentCalls <= options.OrgConcurrencyLimit);
        return limitsHeld && points.All(p => p.Finished == options.Count) ? 0 : 1;
    }

    private static void WriteChart(ScalingOptions options, IReadOnlyList<ScalingPoint> points, string path)
    {
        var canvas = new Canvas(800, 400);
        new ChartPanel
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"Burst of {options.Count} at J={options.JobLimit}, {options.JobSeconds} s jobs"),
            XLabel = "app instances",
            YLabel = "offboardings/s",
            Series =
            [
                new ChartSeries("offboardings/s", [.. points.Select(p => ((double)p.Instances, p.PerSecond))], Rgb.Green, Bars: true),
                new ChartSeries("J / job duration", [.. points.Select(p => ((double)p.Instances, options.JobCeilingPerSecond))], Rgb.Red),
            ],
        }.Draw(canvas, 0, 0, 800, 400);
        canvas.SavePng(path);
    }

    private static void Say(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
