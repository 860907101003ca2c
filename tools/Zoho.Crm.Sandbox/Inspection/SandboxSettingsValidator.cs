using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Sandbox.Inspection;

/// <summary>Rejects settings that make no sense, with a message saying which value is wrong.</summary>
public static class SandboxSettingsValidator
{
    public static IReadOnlyList<string> Problems(SandboxSettings s)
    {
        var problems = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                problems.Add(message);
            }
        }

        Require(s.JobDurationSeconds >= 0, "jobDurationSeconds must be >= 0");
        Require(s.ConcurrentJobLimit >= 0, "concurrentJobLimit must be >= 0");
        Require(s.LatencyMinMs >= 0 && s.LatencyMaxMs >= 0 && s.LatencyMinMs <= Math.Max(s.LatencyMaxMs, s.LatencyMinMs), "latency must be >= 0");
        Require(s.ConcurrencyLimit is null or >= 0, "concurrencyLimit must be >= 0");
        foreach (var (name, rate) in new[] { ("internalErrorRate", s.InternalErrorRate), ("tooManyRequestsRate", s.TooManyRequestsRate), ("dropConnectionRate", s.DropConnectionRate), ("dropResponseRate", s.DropResponseRate) })
        {
            Require(rate is >= 0 and <= 1, $"{name} must be between 0 and 1");
        }

        Require(s.InternalErrorRate + s.TooManyRequestsRate + s.DropConnectionRate + s.DropResponseRate <= 1, "the fault rates must add up to at most 1");
        Require(s.DailyCredits is null or >= 0, "dailyCredits must be >= 0");
        Require(s.CreditWindowSeconds > 0, "creditWindowSeconds must be > 0");
        Require(s.TokenLifetimeSeconds > 0, "tokenLifetimeSeconds must be > 0");
        Require(s.TokensPerWindow >= 0 && s.TokenWindowSeconds > 0, "tokensPerWindow must be >= 0 and tokenWindowSeconds > 0");
        Require(s.MaxActiveTokensPerRefreshToken > 0, "maxActiveTokensPerRefreshToken must be > 0");
        Require(s.PortalTransferMaxIds > 0, "portalTransferMaxIds must be > 0");
        return problems;
    }
}
