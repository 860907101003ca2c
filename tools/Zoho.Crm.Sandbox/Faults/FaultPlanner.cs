using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Engine;

namespace Zoho.Crm.Sandbox.Faults;

/// <summary>Decides, per call, the injected latency and whether the call fails instead of being served.</summary>
public static class FaultPlanner
{
    public static TimeSpan Latency(SandboxState state)
    {
        var settings = state.Settings;
        if (settings.LatencyMaxMs <= 0)
        {
            return TimeSpan.Zero;
        }

        lock (state.Gate)
        {
            var min = Math.Min(settings.LatencyMinMs, settings.LatencyMaxMs);
            return TimeSpan.FromMilliseconds(state.Random.Next(min, settings.LatencyMaxMs + 1));
        }
    }

    /// <summary>A scripted fault first, then the configured rates; only for endpoints faults apply to.</summary>
    public static FaultKind? Decide(SandboxState state, string endpoint, bool isCrm)
    {
        var settings = state.Settings;
        var applies = settings.FaultEndpoints.Count == 0 ? isCrm : settings.FaultEndpoints.Contains(endpoint, StringComparer.Ordinal);
        if (!applies)
        {
            return null;
        }

        lock (state.Gate)
        {
            if (state.ScriptedFaults.TryDequeue(out var scripted))
            {
                return scripted;
            }

            var roll = state.Random.NextDouble();
            if (roll < settings.InternalErrorRate)
            {
                return FaultKind.InternalError;
            }

            roll -= settings.InternalErrorRate;
            if (roll < settings.TooManyRequestsRate)
            {
                return FaultKind.TooManyRequests;
            }

            roll -= settings.TooManyRequestsRate;
            if (roll < settings.DropConnectionRate)
            {
                return FaultKind.DropConnection;
            }

            roll -= settings.DropConnectionRate;
            return roll < settings.DropResponseRate ? FaultKind.DropResponse : null;
        }
    }
}
