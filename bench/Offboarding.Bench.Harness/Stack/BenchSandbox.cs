using Zoho.Crm.Sandbox.Hosting;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>The sandbox as the bench's runs start it: every call takes the same time, Zoho's limits as given, and the org's
/// own credits too many to run out (a run that is about credits sets its own).</summary>
public static class BenchSandbox
{
    public const long PlentyOfCredits = 100_000_000;

    public static SandboxOptions Options(int latencyMs, int concurrencyLimit, int jobLimit, double jobSeconds) => new()
    {
        LatencyMinMs = latencyMs,
        LatencyMaxMs = latencyMs,
        ConcurrencyLimit = concurrencyLimit,
        ConcurrentJobLimit = jobLimit,
        JobDurationSeconds = jobSeconds,
        DailyCredits = PlentyOfCredits,
    };
}
