namespace Offboarding.Bench.Harness.Soak;

/// <summary>A finished soak run: the verdict, what was done to the stack, how long it took, and how throughput fared
/// around each instance kill.</summary>
public sealed record SoakResult(SoakReport Report, IReadOnlyList<string> Disruptions, TimeSpan Elapsed, string AppSettings, string AppLogPath)
{
    public IReadOnlyList<KillRecovery> KillRecoveries { get; init; } = [];
}
