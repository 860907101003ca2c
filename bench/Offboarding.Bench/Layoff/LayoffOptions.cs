using System.Globalization;

namespace Offboarding.Bench.Layoff;

/// <summary>The <c>layoff</c> verb's run: one batch of N people uploaded as CSV, approved, and run to the end at Zoho's job
/// limit J with jobs of a given length, on the local stack.</summary>
public sealed record LayoffOptions
{
    public int Count { get; init; } = 10_000;

    public int Instances { get; init; } = 1;

    /// <summary>People offboarded one by one before the batch, as on the days before a layoff, so the app has learned Zoho's
    /// job durations when it estimates (0: a fresh app, whose estimate rests on <c>Batches__AssumedJobDuration</c>).</summary>
    public int WarmUp { get; init; } = 40;

    public int JobLimit { get; init; } = 100;

    public double JobSeconds { get; init; } = 1;

    /// <summary>Zoho calls each instance makes at once (<c>Zoho__MaxConcurrency</c>).</summary>
    public int ZohoConcurrencyPerInstance { get; init; } = 8;

    /// <summary>The org's API concurrency (Zoho's per-edition limit; Enterprise 20): the sandbox refuses calls beyond it.</summary>
    public int OrgConcurrencyLimit { get; init; } = 20;

    public int ZohoLatencyMs { get; init; } = 20;

    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(20);

    public static LayoffOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} needs a value.");
        }

        var options = new LayoffOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--count" => options with { Count = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warm-up" => options with { WarmUp = int.Parse(value, CultureInfo.InvariantCulture) },
                "--instances" => options with { Instances = int.Parse(value, CultureInfo.InvariantCulture) },
                "--job-limit" => options with { JobLimit = int.Parse(value, CultureInfo.InvariantCulture) },
                "--job-duration" => options with { JobSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--zoho-concurrency" => options with { ZohoConcurrencyPerInstance = int.Parse(value, CultureInfo.InvariantCulture) },
                "--org-concurrency" => options with { OrgConcurrencyLimit = int.Parse(value, CultureInfo.InvariantCulture) },
                "--zoho-latency-ms" => options with { ZohoLatencyMs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--deadline-minutes" => options with { Deadline = TimeSpan.FromMinutes(double.Parse(value, CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"Unknown layoff option {args[i]}. Options: --count --warm-up --instances --job-limit --job-duration --zoho-concurrency --org-concurrency --zoho-latency-ms --deadline-minutes"),
            };
        }

        return options.Count is >= 1 and <= 10_000 && options.WarmUp is >= 0 and <= 1_000 && options.Instances >= 1 && options.JobLimit >= 1 && options.JobSeconds > 0
            ? options
            : throw new ArgumentException("--count is 1..10,000 (a batch's limit), --warm-up 0..1,000, --instances and --job-limit at least 1, --job-duration above 0.");
    }

    /// <summary>The job ceiling: J jobs at once, each of the job length.</summary>
    public double JobCeilingPerSecond => JobLimit / JobSeconds;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{WarmUp} people offboarded one by one first, then a batch of {Count} people at Zoho's job limit J={JobLimit}, jobs of {JobSeconds} s (ceiling {JobCeilingPerSecond:0.#}/s); {Instances} app instance(s), Zoho:MaxConcurrency={ZohoConcurrencyPerInstance} per instance, org API concurrency {OrgConcurrencyLimit}, {ZohoLatencyMs} ms per call");
}
