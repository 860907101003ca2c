using Offboarding.Bench.Measurements;

namespace Offboarding.Bench.Probes;

/// <summary>Poll-cycle times (ms) over an empty table and over one holding <see cref="Finished"/> finished offboardings.</summary>
public sealed record PollCycleResult(Percentiles Empty, Percentiles WithHistory, int Finished, Rate Seeding)
{
    public double Ratio => WithHistory.Median / Empty.Median;
}
