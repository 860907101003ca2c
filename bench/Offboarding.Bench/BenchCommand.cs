using Offboarding.Bench.Measurements;
using Offboarding.Bench.Reporting;

namespace Offboarding.Bench;

/// <summary>The <c>bench</c> verb: one or more runs, the table on the console, the table and chart under bench/results/.</summary>
public static class BenchCommand
{
    public static async Task<int> RunAsync(BenchOptions options, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runs = new List<BenchmarkFigures>(options.Runs);
        for (var run = 1; run <= options.Runs; run++)
        {
            Say($"run {run} of {options.Runs}");
            var data = await BenchmarkRun.RunAsync(options, withReferences: run == 1, Say, cancellationToken).ConfigureAwait(false);
            runs.Add(new BenchmarkFigures(data));
        }

        var first = runs[0];
        var table = ResultTable.Render(runs, command);
        Directory.CreateDirectory(options.OutputFolder);
        var chart = Path.Combine(options.OutputFolder, "benchmark.png");
        ResultChart.Write(first, chart);
        var markdown = table + Environment.NewLine + "![throughput and latency, first run](benchmark.png)" + Environment.NewLine;
        await File.WriteAllTextAsync(Path.Combine(options.OutputFolder, "benchmark.md"), markdown, cancellationToken).ConfigureAwait(false);
        if (Environment.GetEnvironmentVariable("BENCH_DUMP") is { Length: > 0 } dump)
        {
            // For looking into a run: the first run's sandbox call log and jobs, and its burst, as JSON.
            await File.WriteAllTextAsync(dump, System.Text.Json.JsonSerializer.Serialize(new { first.Data.Calls, first.Data.Jobs, first.Data.Burst }), cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine($"written: {Path.Combine(options.OutputFolder, "benchmark.md")} and {chart}");
        return runs.All(r => r.Finished == r.Offboardings) ? 0 : 1;
    }

    private static void Say(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
