using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>Calls Zoho for a claimed offboarding. Zoho's job-limit refusal is a wait, not a failure; a transient failure
/// hands the claim back and throws, so the queue retries.</summary>
public sealed class ClaimedTransfer(ZohoOperationRunner runner, JobSlotWait slots, TransferResultWriter results, CreditWait credits)
{
    public async Task RunAsync(StoredOffboarding claimed, RequestMessage request, bool reconciling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        try
        {
            await runner.RunAsync(claimed.Record, reconciling, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex) when (ex.IsJobLimitReached && !cancellationToken.IsCancellationRequested)
        {
            await slots.DeferRefusedAsync(claimed, request, ex, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ZohoCrmException ex) when (ex.IsCreditsExhausted && !cancellationToken.IsCancellationRequested)
        {
            // Refused or held back unsent for credits: a wait, never a failed attempt (docs/adr/006-zoho-api-credits.md).
            await credits.DeferAsync(claimed, request, reconciling, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            await results.ReleaseClaimAsync(claimed, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await results.SaveAsync(claimed, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        ZohoCrmException zoho => zoho.Classification == ZohoErrorClassification.Transient,
        ZohoTransientFailureException or HttpRequestException or TimeoutException => true,
        TaskCanceledException => true,
        _ => false,
    };
}
