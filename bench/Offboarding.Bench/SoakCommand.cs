using System.Globalization;
using System.Text;
using Offboarding.Bench.Harness.Soak;
using Offboarding.Bench.Harness.Stack;

namespace Offboarding.Bench;

/// <summary>The <c>soak</c> verb: the fault soak at full size, its counts printed and written to bench/results/soak.md.</summary>
public static class SoakCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, string command, CancellationToken cancellationToken)
    {
        var options = Parse(args);
        Say($"soak: {options.Describe()}");
        var result = await SoakScenario.RunAsync(options, Say, cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Fault soak, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {MachineInfo.Current()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- command: `{command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- run: {options.Describe()}; took {result.Elapsed.TotalMinutes:0.0} min");
        text.AppendLine(CultureInfo.InvariantCulture, $"- app settings: {result.AppSettings}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- disruptions: {string.Join("; ", result.Disruptions)}");
        foreach (var recovery in result.KillRecoveries)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- throughput around the {recovery.Describe()}");
        }

        text.AppendLine();
        text.Append(result.Report.ToMarkdown());
        var folder = Path.Combine(TestSupport.RepositoryRoot.Path, "bench", "results");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "soak.md"), text.ToString(), cancellationToken).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(text);
        Console.WriteLine($"app log: {result.AppLogPath}");
        return result.Report.IsClean ? 0 : 1;
    }

    private static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SoakOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--count" => options with { Count = int.Parse(value, CultureInfo.InvariantCulture) },
                "--instances" => options with { Instances = int.Parse(value, CultureInfo.InvariantCulture) },
                "--app-restarts" => options with { AppRestarts = int.Parse(value, CultureInfo.InvariantCulture) },
                "--azurite-restarts" => options with { AzuriteRestarts = int.Parse(value, CultureInfo.InvariantCulture) },
                "--job-limit" => options with { JobLimit = int.Parse(value, CultureInfo.InvariantCulture) },
                "--job-duration" => options with { JobDurationSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--unconfirmed-window" => options with { UnconfirmedWindow = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--deadline-minutes" => options with { Deadline = TimeSpan.FromMinutes(double.Parse(value, CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"Unknown soak option {args[i]}. Options: --count --instances --app-restarts --azurite-restarts --job-limit --job-duration --unconfirmed-window --deadline-minutes"),
            };
        }

        if (args.Count % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} needs a value.");
        }

        return options;
    }

    private static void Say(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
