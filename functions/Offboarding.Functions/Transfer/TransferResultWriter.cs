using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>Ends a claim: writes what Zoho did (and when to look next), or hands the claim back after a transient failure,
/// freeing the Zoho job slot whenever no job runs for the offboarding.</summary>
public sealed partial class TransferResultWriter(
    OffboardingRepository repository,
    EventOutbox outbox,
    JobAdmission admission,
    PollTiming timing,
    TimeProvider time,
    ILogger<TransferResultWriter> logger)
{
    /// <summary>Saves the claimed record as the Zoho call left it and publishes its events.</summary>
    public async Task SaveAsync(StoredOffboarding claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var record = claimed.Record;
        var now = time.GetUtcNow();
        record.SubmittingSince = null;
        if (record.State == OffboardingState.Verifying && record.UnconfirmedSlotReleased())
        {
            // Released before the write that says so: a death between the two cannot leave the slot held for good.
            await admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        }

        var due = record.State switch
        {
            // First poll when recent jobs suggest this one ends, so it costs about one status call.
            OffboardingState.Submitted => DueAt.At(now + timing.FirstPollAt(now)),
            OffboardingState.Verifying => DueAt.At(now + timing.FirstCheck),
            _ => DueAt.At(now + EventOutbox.RetryAfter),
        };

        // If this write fails (or the process dies first) the record stays Submitting: the redelivery reconciles.
        _ = await outbox.SaveAndPublishAsync(claimed, due, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Offboarding {record.Id} changed while Zoho was called; the redelivery reconciles it.");
        LogDone(logger, record.Id, record.State, record.ZohoJobId);
        if (record.State is not (OffboardingState.Submitted or OffboardingState.Verifying))
        {
            // No job runs for it (finished, refused, already done): the slot goes to the next waiter.
            await admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A transient failure means Zoho did not take the work: the claim is released so the retry submits at once.</summary>
    public async Task ReleaseClaimAsync(StoredOffboarding claimed, Exception ex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(ex);
        var record = claimed.Record;
        var now = time.GetUtcNow();
        record.State = OffboardingState.Accepted;
        record.SubmittingSince = null;
        record.Record(now, "zoho", "transient", FailureText.Describe(ex));
        try
        {
            if (await repository.TrySaveAsync(claimed, DueAt.Keep, cancellationToken).ConfigureAwait(false) is not null)
            {
                // No job was scheduled: others may use the slot while the queue waits to retry this one.
                await admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Azure.RequestFailedException)
        {
            // Storage is down too: the claim stays and is reconciled once its lease passes.
        }

        LogTransient(logger, record.Id, FailureText.Describe(ex));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} is now {State} (Zoho job {JobId})")]
    private static partial void LogDone(ILogger logger, string offboardingId, OffboardingState state, string? jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: transient failure ({Error}); the queue will retry")]
    private static partial void LogTransient(ILogger logger, string offboardingId, string error);
}
