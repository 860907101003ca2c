using Zoho.Crm.Sandbox.Hosting;

namespace Offboarding.Bench.Measurements;

/// <summary>The sandbox as the throughput runs (scaling, layoff) use it: a fixed latency, the org's API concurrency, Zoho's
/// concurrent-job limit with jobs of one length, and credits that never run out.</summary>
public static class JobLimitedZoho
{
    public static SandboxOptions Options(int latencyMs, int orgConcurrency, int jobLimit, double jobSeconds) => new()
    {
        LatencyMinMs = latencyMs,
        LatencyMaxMs = latencyMs,
        ConcurrencyLimit = orgConcurrency,
        ConcurrentJobLimit = jobLimit,
        JobDurationSeconds = jobSeconds,
        DailyCredits = 100_000_000,
    };
}
