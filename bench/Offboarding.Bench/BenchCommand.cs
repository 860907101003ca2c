using Offboarding.Bench.Measurements;
using Offboarding.Bench.Reporting;

namespace Offboarding.Bench;

/// <summary>The <c>bench</c> verb: one run, the table on the console, the table and chart under bench/results/.</summary>
public static class BenchCommand
{
    public static async Task<int> RunAsync(BenchOptions options, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = await BenchmarkRun.RunAsync(options, Say, cancellationToken).ConfigureAwait(false);
        var figures = new BenchmarkFigures(data);
        var table = ResultTable.Render(data, figures, command);
        Directory.CreateDirectory(options.OutputFolder);
        var chart = Path.Combine(options.OutputFolder, "benchmark.png");
        ResultChart.Write(data, figures, chart);
        var markdown = table + Environment.NewLine + "![throughput and latency](benchmark.png)" + Environment.NewLine;
        await File.WriteAllTextAsync(Path.Combine(options.OutputFolder, "benchmark.md"), markdown, cancellationToken).ConfigureAwait(false);
        if (Environment.GetEnvironmentVariable("BENCH_DUMP") is { Length: > 0 } dump)
        {
            // For looking into a run: the sandbox's call log and jobs, and the burst, as JSON.
            await File.WriteAllTextAsync(dump, System.Text.Json.JsonSerializer.Serialize(new { data.Calls, data.Jobs, data.Burst }), cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine($"written: {Path.Combine(options.OutputFolder, "benchmark.md")} and {chart}");
        return figures.Finished == figures.Offboardings ? 0 : 1;
    }

    private static void Say(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
