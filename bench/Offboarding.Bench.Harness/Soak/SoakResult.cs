namespace Offboarding.Bench.Harness.Soak;

/// <summary>A finished soak run: the verdict, what was done to the stack, and how long it took.</summary>
public sealed record SoakResult(SoakReport Report, IReadOnlyList<string> Disruptions, TimeSpan Elapsed, string AppSettings, string AppLogPath);
