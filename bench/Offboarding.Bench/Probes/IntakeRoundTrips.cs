namespace Offboarding.Bench.Probes;

/// <summary>Storage round trips the intake made per new request: mean, most, and what they were for on average.</summary>
public sealed record IntakeRoundTrips(int Requests, double Mean, int Max, IReadOnlyList<(string Call, double PerRequest)> Breakdown);
