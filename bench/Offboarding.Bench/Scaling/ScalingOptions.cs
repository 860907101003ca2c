using System.Globalization;

namespace Offboarding.Bench.Scaling;

/// <summary>The <c>scaling</c> verb's run: one burst per instance count, at Zoho's job limit J with jobs of a given length.</summary>
public sealed record ScalingOptions
{
    public IReadOnlyList<int> Instances { get; init; } = [1, 2, 3];

    public int Count { get; init; } = 1000;

    public int JobLimit { get; init; } = 100;

    public double JobSeconds { get; init; } = 1;

    /// <summary>Zoho calls each instance makes at once (<c>Zoho__MaxConcurrency</c>).</summary>
    public int ZohoConcurrencyPerInstance { get; init; } = 4;

    /// <summary>The org's API concurrency (Zoho's per-edition limit; Enterprise 20): the sandbox refuses calls beyond it.</summary>
    public int OrgConcurrencyLimit { get; init; } = 20;

    public int ZohoLatencyMs { get; init; } = 20;

    public int IntakeConcurrency { get; init; } = 16;

    public static ScalingOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} needs a value.");
        }

        var options = new ScalingOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--instances" => options with { Instances = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                "--count" => options with { Count = int.Parse(value, CultureInfo.InvariantCulture) },
                "--job-limit" => options with { JobLimit = int.Parse(value, CultureInfo.InvariantCulture) },
                "--job-duration" => options with { JobSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--zoho-concurrency" => options with { ZohoConcurrencyPerInstance = int.Parse(value, CultureInfo.InvariantCulture) },
                "--org-concurrency" => options with { OrgConcurrencyLimit = int.Parse(value, CultureInfo.InvariantCulture) },
                "--zoho-latency-ms" => options with { ZohoLatencyMs = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown scaling option {args[i]}. Options: --instances 1,2,3 --count --job-limit --job-duration --zoho-concurrency --org-concurrency --zoho-latency-ms"),
            };
        }

        return options.Instances.Count > 0 && options.Instances.All(n => n >= 1) && options.Count >= 1
            ? options
            : throw new ArgumentException("--instances lists counts of at least 1, and --count is at least 1.");
    }

    /// <summary>The job ceiling: J jobs at once, each of the job length.</summary>
    public double JobCeilingPerSecond => JobLimit / JobSeconds;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"burst of {Count} at Zoho's job limit J={JobLimit}, jobs of {JobSeconds} s (ceiling {JobCeilingPerSecond:0.#}/s); Zoho:MaxConcurrency={ZohoConcurrencyPerInstance} per instance, org API concurrency {OrgConcurrencyLimit}, {ZohoLatencyMs} ms per call");
}
