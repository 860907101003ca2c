namespace Offboarding.Bench.Probes;

/// <summary>Storage round trips the intake made per new request: mean, most, and what they were for on average; and per
/// delivery that reused a stored request's webhook-id with another body (answered as the first, nothing stored).</summary>
public sealed record IntakeRoundTrips(int Requests, double Mean, int Max, IReadOnlyList<(string Call, double PerRequest)> Breakdown)
{
    public double ReusedIdMean { get; init; }

    public int ReusedIdMax { get; init; }
}
