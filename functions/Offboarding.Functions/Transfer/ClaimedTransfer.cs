using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>Calls Zoho for a claimed offboarding, renewing the claim meanwhile. Zoho's job-limit refusal is a wait, not a
/// failure; a transient failure hands the claim back and throws, so the queue retries.</summary>
public sealed partial class ClaimedTransfer(ZohoOperationRunner runner, ClaimRenewal renewal, JobSlotWait slots, TransferResultWriter results, CreditWait credits, ILogger<ClaimedTransfer> logger)
{
    public async Task RunAsync(StoredOffboarding claimed, RequestMessage request, bool reconciling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        Exception? failure = null;
        StoredOffboarding current;
        bool lost;
        await using (var lease = renewal.Start(claimed, cancellationToken))
        {
            try
            {
                await runner.RunAsync(claimed.Record, reconciling, lease.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = ex;
            }

            current = await lease.StopAsync().ConfigureAwait(false);
            lost = lease.IsLost;
        }

        if (lost && failure is not null)
        {
            // Stopped under a lost claim: nothing certain was learned. The record stays Submitting and whoever takes it over
            // reconciles it, reading Zoho first (docs/adr/002-never-a-second-delete.md).
            LogAbandoned(logger, claimed.Record.Id, failure.GetType().Name);
            return;
        }

        switch (failure)
        {
            case null:
                // Written only if nobody took the claim over (ETag-guarded), even when it was lost meanwhile.
                await results.SaveAsync(current, cancellationToken).ConfigureAwait(false);
                break;
            case ZohoCrmException refusal when refusal.IsJobLimitReached:
                await slots.DeferRefusedAsync(current, request, refusal, cancellationToken).ConfigureAwait(false);
                break;
            case ZohoCrmException refusal when refusal.IsCreditsExhausted:
                // Refused or held back unsent for credits: a wait, never a failed attempt (docs/adr/006-zoho-api-credits.md).
                await credits.DeferAsync(current, request, reconciling, cancellationToken).ConfigureAwait(false);
                break;
            case var transient when IsTransient(transient):
                await results.ReleaseClaimAsync(current, transient, cancellationToken).ConfigureAwait(false);
                ExceptionDispatchInfo.Throw(transient);
                break;
            default:
                ExceptionDispatchInfo.Throw(failure);
                break;
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        ZohoCrmException zoho => zoho.Classification == ZohoErrorClassification.Transient,
        ZohoTransientFailureException or HttpRequestException or TimeoutException => true,
        TaskCanceledException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: its claim was lost while Zoho was called ({Error}); left for reconciliation")]
    private static partial void LogAbandoned(ILogger logger, string offboardingId, string error);
}
