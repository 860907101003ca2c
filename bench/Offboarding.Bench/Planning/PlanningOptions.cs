using System.Globalization;

namespace Offboarding.Bench.Planning;

/// <summary>The <c>planning</c> verb's knobs: the org's size (leavers, plus one manager per ten and the default org) and the batch.</summary>
public sealed record PlanningOptions
{
    /// <summary>Leavers in the generated org and in the batch; with their managers and the default org: 9,900 → 10,926 users.</summary>
    public int Leavers { get; init; } = 9_900;

    /// <summary>Their managers who leave in the same batch: 9,900 + 100 = 10,000 rows.</summary>
    public int LeavingManagers { get; init; } = 100;

    public int Runs { get; init; } = 3;

    public static PlanningOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} needs a value.");
        }

        var options = new PlanningOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = int.Parse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--leavers" => options with { Leavers = value },
                "--leaving-managers" => options with { LeavingManagers = value },
                "--runs" => options with { Runs = value },
                _ => throw new ArgumentException($"Unknown option {args[i]} for planning: use --leavers, --leaving-managers, --runs."),
            };
        }

        return options;
    }
}
