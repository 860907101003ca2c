namespace Offboarding.Bench.Scaling;

/// <summary>One burst's result at one instance count: how fast it went, and whether Zoho's limits held.</summary>
/// <param name="PeakConcurrentCalls">The most Zoho calls the sandbox saw at once.</param>
/// <param name="RefusedForJobLimit">Transfer calls Zoho refused for its concurrent-job limit (the app admits by it: must be 0).</param>
/// <param name="RefusedForConcurrency">Calls the sandbox refused for the org's API concurrency (must be 0).</param>
public sealed record ScalingPoint(int Instances, int Finished, TimeSpan Elapsed, int PeakConcurrentCalls, int PeakJobs, int RefusedForJobLimit, long RefusedForConcurrency)
{
    public double PerSecond => Finished / Elapsed.TotalSeconds;
}
