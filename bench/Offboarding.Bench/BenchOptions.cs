using System.Globalization;

namespace Offboarding.Bench;

/// <summary>The benchmark's knobs, from <c>--name value</c> arguments; every one has a default.</summary>
public sealed record BenchOptions
{
    /// <summary>N: offboardings sent as one burst (throughput).</summary>
    public int Count { get; init; } = 1000;

    /// <summary>Offboardings sent afterwards at a steady rate below the Zoho ceiling (latency without a backlog).</summary>
    public int PacedCount { get; init; } = 200;

    /// <summary>Share of the lower ceiling (Zoho calls L/d per offboarding, or jobs J / job duration) the paced phase sends at.</summary>
    public double PacedLoad { get; init; } = 0.5;

    /// <summary>L: concurrent calls the sandbox allows (over it: 429); the app's Zoho client is set to the same.</summary>
    public int ZohoConcurrency { get; init; } = 4;

    /// <summary>d: latency the sandbox adds to every Zoho call, in milliseconds.</summary>
    public int ZohoLatencyMs { get; init; } = 100;

    /// <summary>Webhooks in flight at once; the raw Azurite enqueue probe uses the same concurrency.</summary>
    public int IntakeConcurrency { get; init; } = 16;

    /// <summary>Finished offboardings put in the table for the second poll-cycle measurement.</summary>
    public int Finished { get; init; } = 100_000;

    public int PollCycles { get; init; } = 20;

    /// <summary>How long the sandbox takes to run one transfer-and-delete job, in seconds.</summary>
    public double JobSeconds { get; init; } = 2;

    /// <summary>J: transfer-and-delete jobs the sandbox runs at once (over it: CONCURRENT_JOB_LIMIT_EXCEEDED); Zoho's example and the app's default is 10.</summary>
    public int JobLimit { get; init; } = 10;

    /// <summary>
    /// Poll:Backoff, the status polls' schedule before the app has learned how long jobs take: 1 s suits 2 s jobs; "default"
    /// runs the app's own schedule (30 s, 1 min, 2 min, 5 min, 10 min), the one for jobs of a minute or more.
    /// </summary>
    public string PollBackoff { get; init; } = "00:00:01";

    /// <summary>The jobs' own ceiling, J / job duration, in jobs (offboardings) per second.</summary>
    public double JobCeilingPerSecond => JobLimit / JobSeconds;

    /// <summary>
    /// Times the whole burst + paced measurement is repeated, each on a fresh stack, for the targets that must hold in
    /// k of N runs; the poll-cycle and storage probes run in the first only.
    /// </summary>
    public int Runs { get; init; } = 1;

    public string OutputFolder { get; init; } = Path.Combine(TestSupport.RepositoryRoot.Path, "bench", "results");

    public double CeilingPerSecond => ZohoConcurrency * 1000.0 / ZohoLatencyMs;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"Option {name} needs a value.");
            options = name switch
            {
                "--count" => options with { Count = Int(name, value) },
                "--paced-count" => options with { PacedCount = Int(name, value) },
                "--paced-load" => options with { PacedLoad = double.Parse(value, CultureInfo.InvariantCulture) },
                "--zoho-concurrency" => options with { ZohoConcurrency = Int(name, value) },
                "--zoho-latency-ms" => options with { ZohoLatencyMs = Int(name, value) },
                "--intake-concurrency" => options with { IntakeConcurrency = Int(name, value) },
                "--finished" => options with { Finished = int.Parse(value, CultureInfo.InvariantCulture) },
                "--poll-cycles" => options with { PollCycles = Int(name, value) },
                "--job-seconds" or "--job-duration" => options with { JobSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--job-limit" => options with { JobLimit = Int(name, value) },
                "--poll-backoff" => options with { PollBackoff = value },
                "--runs" => options with { Runs = Int(name, value) },
                "--output" => options with { OutputFolder = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {name}. Options: --count --paced-count --paced-load --zoho-concurrency --zoho-latency-ms --intake-concurrency --finished --poll-cycles --job-duration (--job-seconds) --job-limit --runs --output"),
            };
        }

        return options;
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"Option {name} needs a positive whole number, got '{value}'.");
}
