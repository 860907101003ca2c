using System.Globalization;

namespace Offboarding.Bench.Harness.Soak;

/// <summary>How throughput fared around one instance kill: offboardings finished per second in the 30 s before, the lowest
/// 10-second rate after, and when a 10-second window after it first finished at 80 % of the rate before again.</summary>
public sealed record KillRecovery(DateTimeOffset At, double RateBefore, double LowestAfter, TimeSpan? RecoveredAfter)
{
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private const double Recovered = 0.8;

    /// <summary>One entry per kill, from the times offboardings were announced finished.</summary>
    public static IReadOnlyList<KillRecovery> Measure(IEnumerable<DateTimeOffset> kills, IReadOnlyCollection<DateTimeOffset> finishes)
    {
        ArgumentNullException.ThrowIfNull(kills);
        ArgumentNullException.ThrowIfNull(finishes);
        var sorted = finishes.Order().ToArray();
        var last = sorted.Length == 0 ? DateTimeOffset.MinValue : sorted[^1];
        double Rate(DateTimeOffset from, TimeSpan length) => sorted.Count(t => t >= from && t < from + length) / length.TotalSeconds;

        var results = new List<KillRecovery>();
        foreach (var kill in kills)
        {
            var before = Rate(kill - Before, Before);
            var lowest = double.MaxValue;
            TimeSpan? recovered = null;
            var offset = TimeSpan.Zero;
            for (; kill + offset + Window <= last; offset += TimeSpan.FromSeconds(1))
            {
                var rate = Rate(kill + offset, Window);
                lowest = Math.Min(lowest, rate);
                if (rate >= Recovered * before)
                {
                    recovered = offset + Window;
                    break;
                }
            }

            results.Add(new KillRecovery(kill, before, lowest == double.MaxValue ? 0 : lowest, recovered));
        }

        return results;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"kill at {At:HH:mm:ss}: {RateBefore:0.0}/s in the 30 s before, lowest 10 s after {LowestAfter:0.0}/s, ") +
        (RecoveredAfter is { } back
            ? string.Create(CultureInfo.InvariantCulture, $"back to 80 % within {back.TotalSeconds:0} s")
            : "not back to 80 % before the work ran out");
}
