using Offboarding.Bench.Probes;

namespace Offboarding.Bench.Measurements;

/// <summary>
/// Stretches in which Azurite answered nothing, measured, not guessed: the queue-depth sampler asks four times a
/// second, so an answer that took longer than <see cref="Threshold"/> (or a failed request that waited as long)
/// means the emulator was stuck for that time. Azurite serves queues and tables from one node process, so a stall
/// seen on the queue service stops the tables too. Overlapping stalls are merged.
/// </summary>
public sealed class StorageStalls
{
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    public StorageStalls(IEnumerable<DepthSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var merged = new List<Stall>();
        foreach (var sample in samples.Where(s => s.AnsweredAt - s.SentAt > Threshold).OrderBy(s => s.SentAt))
        {
            if (merged.Count > 0 && sample.SentAt <= merged[^1].To)
            {
                var last = merged[^1];
                merged[^1] = last with { To = sample.AnsweredAt > last.To ? sample.AnsweredAt : last.To };
            }
            else
            {
                merged.Add(new Stall(sample.SentAt, sample.AnsweredAt));
            }
        }

        All = merged;
    }

    /// <summary>Every stall of the sampled stretch of the run, in order.</summary>
    public IReadOnlyList<Stall> All { get; }

    /// <summary>The stalls' parts inside [from, to).</summary>
    public IReadOnlyList<Stall> Within(DateTimeOffset from, DateTimeOffset to) =>
        [.. All.Select(s => s.Within(from, to)).OfType<Stall>()];

    public bool Contains(DateTimeOffset moment) => All.Any(s => s.Contains(moment));
}
