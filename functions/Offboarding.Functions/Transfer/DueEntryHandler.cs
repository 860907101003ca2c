using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>One due entry of the poll cycle, acted on by its record's state. Every write is ETag-guarded, so overlapping
/// cycles or a double-fired timer cannot finish a job twice.</summary>
public sealed class DueEntryHandler(
    OffboardingRepository repository,
    EventOutbox outbox,
    JobStatusPoll jobs,
    UnconfirmedTransferVerifier verifier,
    TransferSweep sweep,
    TimeProvider time)
{
    /// <summary>Handles one due entry: a job still running is given its next entry by the record's write.</summary>
    public async Task HandleAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stored = await repository.GetAsync(entry.OffboardingId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Record.DueKey != entry.Key)
        {
            await repository.RemoveStaleDueAsync(entry, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The offboarding's trace, kept on its record by the intake: the poll that finishes it joins it.
        using var activity = OffboardingTelemetry.StartStep("offboarding.poll", entry.OffboardingId, stored.Record.TraceParent, stored.Record.TraceState);
        activity?.SetTag("offboarding.state", stored.Record.State.ToWireName());
        if (stored.Record.PendingEvents.Count > 0)
        {
            stored = await outbox.RecoverAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        var record = stored.Record;
        var now = time.GetUtcNow();
        switch (record.State)
        {
            case OffboardingState.Submitted:
                await jobs.PollAsync(stored, cancellationToken).ConfigureAwait(false);
                break;
            case OffboardingState.Verifying:
                await verifier.VerifyAsync(stored, cancellationToken).ConfigureAwait(false);
                break;
            case OffboardingState.Accepted:
            case OffboardingState.Submitting:
                await sweep.SweepAsync(stored, now, cancellationToken).ConfigureAwait(false);
                break;
            case var state when state.IsTerminal() && record.PendingEvents.Count > 0 && record.EventClaim is { } claim && now - claim.At < EventOutbox.ClaimLease:
                // Finished, and its events still claimed by a publisher (one that died after the decision: a finished job's
                // decision keeps the row that was due for its poll): look again once the claim has lapsed, not every cycle.
                await repository.TrySaveAsync(stored, DueAt.At(claim.At + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Finished with nothing left to announce (the flush above would have cleared it).
                if (record.DueKey is not null && record.PendingEvents.Count == 0)
                {
                    await repository.TrySaveAsync(stored, DueAt.Nothing, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }
}
