namespace Offboarding.Bench.Probes;

/// <summary>So many things in so much time.</summary>
public readonly record struct Rate(int Count, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed <= TimeSpan.Zero ? 0 : Count / Elapsed.TotalSeconds;
}
