using System.Xml;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Credits;

/// <summary>The app's Zoho credit use as operators see it (<c>GET /api/zoho/usage</c>): spend in the window against the budget,
/// Zoho's exhaustion if any, the transfers waiting for credits and when they should have gone through.</summary>
public sealed class CreditUsage(CreditMark mark, CreditLedger ledger, CreditCosts costs, CreditTable table, IOptions<CreditOptions> options, TimeProvider time)
{
    private readonly CreditOptions _options = options.Value;

    public async Task<CreditUsageView> ReadAsync(CancellationToken cancellationToken)
    {
        var spend = await ledger.ReadAsync(fresh: true, cancellationToken).ConfigureAwait(false);
        var exhausted = await table.ReadMarkAsync(cancellationToken).ConfigureAwait(false) ?? await mark.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var waiters = await table.WaitersAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var remaining = _options.CreditBudget is { } budget ? Math.Max(0, budget - spend.Spent) : (long?)null;
        return new CreditUsageView(
            XmlConvert.ToString(_options.CreditWindow),
            _options.CreditBudget,
            _options.CreditReserve,
            spend.Spent,
            remaining,
            spend.NextFreeAt,
            exhausted is null ? null : new CreditExhaustionView(exhausted.EpisodeId, exhausted.Since, exhausted.NextProbeAt, exhausted.Refusals),
            new CreditWaitingView(waiters.Count, waiters.Count == 0 ? null : waiters.Min(w => w.Since)),
            Math.Round(costs.PerOffboarding, 2),
            waiters.Count == 0 ? null : Forecast(spend, waiters.Count, exhausted, now));
    }

    /// <summary>When the waiting transfers should all have had their credits: from the budget's pace and Zoho's next probe.
    /// Credits only: Zoho's job limit and the job durations come on top.</summary>
    private DateTimeOffset Forecast(CreditSpend spend, int waiting, CreditMarkRow? exhausted, DateTimeOffset now)
    {
        var at = exhausted?.NextProbeAt ?? now;
        var limit = _options.TransferLimit;
        if (limit == long.MaxValue)
        {
            return at;
        }

        // Each window admits at most the budget less the reserve: what does not fit in the first waits for the next ones.
        var needed = waiting * costs.Expected;
        var first = Math.Min(needed, limit);
        var fits = ledger.FitsAt(spend, first, limit) + (_options.CreditWindow * ((needed - first + limit - 1) / limit));
        return fits > at ? fits : at;
    }
}

public sealed record CreditUsageView(
    string Window,
    long? Budget,
    long Reserve,
    long Spent,
    long? Remaining,
    DateTimeOffset? NextCreditsFreeAt,
    CreditExhaustionView? Exhausted,
    CreditWaitingView Waiting,
    double CreditsPerOffboarding,
    DateTimeOffset? WaitingThroughBy);

/// <summary>Zoho said the org's credits are exhausted: since when, and when it is asked again.</summary>
public sealed record CreditExhaustionView(string EpisodeId, DateTimeOffset Since, DateTimeOffset NextProbeAt, int Refusals);

public sealed record CreditWaitingView(int Count, DateTimeOffset? OldestSince);
