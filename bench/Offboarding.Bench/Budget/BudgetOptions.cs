using System.Globalization;

namespace Offboarding.Bench.Budget;

/// <summary>The <c>budget</c> verb's run (issue 26): a layoff bigger than the app's credit budget, against Zoho's job limit.</summary>
public sealed record BudgetOptions
{
    public int Count { get; init; } = 1000;

    /// <summary>Zoho__CreditBudget: credits the app may spend per rolling window.</summary>
    public long CreditBudget { get; init; } = 1500;

    /// <summary>Zoho__CreditReserve: of the budget, kept for the status polls of running jobs.</summary>
    public long CreditReserve { get; init; } = 150;

    /// <summary>Zoho__CreditWindow, and the sandbox's credit window alike.</summary>
    public TimeSpan CreditWindow { get; init; } = TimeSpan.FromMinutes(10);

    public int JobLimit { get; init; } = 10;

    public double JobSeconds { get; init; } = 2;

    public int ZohoConcurrency { get; init; } = 4;

    public int ZohoLatencyMs { get; init; } = 100;

    public int IntakeConcurrency { get; init; } = 16;

    /// <summary>Poll:Backoff before a job length is learned, as in the benchmark.</summary>
    public string PollBackoff { get; init; } = "00:00:01";

    public string OutputFolder { get; init; } = Path.Combine(TestSupport.RepositoryRoot.Path, "bench", "results");

    /// <summary>Long enough for every window the layoff needs at 3 credits a person, and 5 minutes more.</summary>
    public TimeSpan Deadline => (CreditWindow * Math.Ceiling(Count * 3.0 / Math.Max(1, CreditBudget - CreditReserve))) + TimeSpan.FromMinutes(5);

    public static BudgetOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} needs a value.");
        }

        var options = new BudgetOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var (name, value) = (args[i], args[i + 1]);
            options = name switch
            {
                "--count" => options with { Count = Positive(name, value) },
                "--credit-budget" => options with { CreditBudget = Positive(name, value) },
                "--credit-reserve" => options with { CreditReserve = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) },
                "--credit-window" => options with { CreditWindow = Duration(name, value) },
                "--job-limit" => options with { JobLimit = Positive(name, value) },
                "--job-duration" => options with { JobSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--zoho-concurrency" => options with { ZohoConcurrency = Positive(name, value) },
                "--zoho-latency-ms" => options with { ZohoLatencyMs = Positive(name, value) },
                "--poll-backoff" => options with { PollBackoff = value },
                "--output" => options with { OutputFolder = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown budget option {name}. Options: --count --credit-budget --credit-reserve --credit-window (10m, 90s, 00:10:00) --job-limit --job-duration --zoho-concurrency --zoho-latency-ms --poll-backoff --output"),
            };
        }

        if (options.CreditWindow < TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("--credit-window must be at least 1m, as the app's Zoho__CreditWindow must.");
        }

        return options.CreditReserve < options.CreditBudget
            ? options
            : throw new ArgumentException("--credit-reserve must be below --credit-budget, or no transfer could ever start.");
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Count} people sent at once; Zoho__CreditBudget={CreditBudget} per Zoho__CreditWindow={CreditWindow:c} (the sandbox's credit window the same), Zoho__CreditReserve={CreditReserve}; Zoho's job limit J={JobLimit}, jobs of {JobSeconds} s; Zoho:MaxConcurrency={ZohoConcurrency} (the sandbox's limit L the same), {ZohoLatencyMs} ms per call; Poll:Backoff={PollBackoff}");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"Option {name} needs a positive whole number, got '{value}'.");

    // 10m, 90s, or a TimeSpan (00:10:00).
    private static TimeSpan Duration(string name, string value)
    {
        var span = value switch
        {
            _ when value.EndsWith('m') && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) => TimeSpan.FromMinutes(minutes),
            _ when value.EndsWith('s') && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            _ when TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => TimeSpan.Zero,
        };
        return span > TimeSpan.Zero ? span : throw new ArgumentException($"Option {name} needs a duration like 10m, 90s or 00:10:00, got '{value}'.");
    }
}
