using Microsoft.Extensions.Options;
using Offboarding.Functions.Credits;

namespace Offboarding.Functions.Batches;

/// <summary>The Zoho API credits left in the window, as far as the app knows: what the estimate weighs a batch's credits against.</summary>
public interface ICreditWindow
{
    /// <summary>What is left now, or null when the app does not know.</summary>
    Task<CreditWindowReading?> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Credits left of the allowance in the window, and when the oldest spend in it frees up.</summary>
public sealed record CreditWindowReading(long Remaining, long Allowance, DateTimeOffset? NextFreeAt);

/// <summary>The app's own budget (<c>Zoho__CreditBudget</c>) less what its shared ledger spent in the window; unknown without
/// a budget, since the org's other integrations spend from the same credits unseen (docs/adr/006-zoho-api-credits.md).</summary>
public sealed class LedgerCreditWindow(CreditLedger ledger, IOptions<CreditOptions> options) : ICreditWindow
{
    public async Task<CreditWindowReading?> ReadAsync(CancellationToken cancellationToken)
    {
        if (options.Value.CreditBudget is not { } budget)
        {
            return null;
        }

        var spend = await ledger.ReadAsync(fresh: true, cancellationToken).ConfigureAwait(false);
        return new CreditWindowReading(Math.Max(0, budget - spend.Spent), budget, spend.NextFreeAt);
    }
}
