using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Control;

namespace Offboarding.Bench.Harness.Load;

/// <summary>Credits as Zoho counts them, from the sandbox's own call log (not the app's ledger): one per CRM call it answered,
/// and the busiest rolling window of them, to hold against a budget.</summary>
public static class CreditWindows
{
    /// <summary>Whether the call counts against the credits: a CRM call (OAuth token calls go to the accounts server) that got an
    /// answer other than a refused token. Refusals for API concurrency or credits count too, which only overstates the spend.</summary>
    public static bool IsCharged(CallLogEntry call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Endpoint is not (ZohoRoutes.Token or ZohoRoutes.TokenRevoke) && call.Status is not (0 or 401);
    }

    /// <summary>The most charged calls within any span shorter than <paramref name="window"/>, and the first and last of them
    /// (the call log stamps a call when it was answered).</summary>
    public static BusiestWindow Busiest(IEnumerable<CallLogEntry> calls, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var times = calls.Where(IsCharged).Select(c => c.Time).Order().ToList();
        var busiest = new BusiestWindow(0, null, null);
        for (int end = 0, start = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= window)
            {
                start++;
            }

            if (end - start + 1 > busiest.Credits)
            {
                busiest = new BusiestWindow(end - start + 1, times[start], times[end]);
            }
        }

        return busiest;
    }
}

/// <summary>The busiest rolling window of a run: its charged calls, and the first and last of them (null when there were none).</summary>
public sealed record BusiestWindow(int Credits, DateTimeOffset? First, DateTimeOffset? Last);
