using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>Acts on one request message by its record's state: an accepted offboarding (or a lapsed claim) is claimed; a live
/// claim, a finished offboarding or a repeat request's message is left alone, so Zoho is never called twice.</summary>
public sealed partial class TransferProcessor(
    OffboardingRepository repository,
    TransferClaim claim,
    JobAdmission admission,
    EventOutbox outbox,
    TimeProvider time,
    ILogger<TransferProcessor> logger)
{
    private const int MaxConflicts = 5;

    /// <summary>Processes <paramref name="request"/>; <paramref name="origin"/> is the record its message carries, stored
    /// here when the intake did not get to store it.</summary>
    public async Task ProcessAsync(RequestMessage request, OffboardingRecord? origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Id;
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var stored = await repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                if (origin is null)
                {
                    LogMissing(logger, id);
                    return;
                }

                // The intake sent this message but did not get to store the record (it died, or storage failed it).
                await repository.TryCreateAsync(origin, null, cancellationToken).ConfigureAwait(false);
                LogStoredFromMessage(logger, id);
                origin = null;
                continue;
            }

            if (origin is not null && !origin.IsSameAcceptanceAs(stored.Record))
            {
                // A repeat request's message: the offboarding has its own message, which carries it.
                LogRepeatMessage(logger, id);
                return;
            }

            var record = stored.Record;
            var now = time.GetUtcNow();
            bool reconciling;
            switch (record.State)
            {
                case OffboardingState.Accepted:
                    // A message reached the transfer step: the intake's first-delivery check has done its work (ADR 010),
                    // and the claim's or the wait's write drops its receipt.
                    record.FirstMessage = null;
                    reconciling = false;
                    break;
                case OffboardingState.Submitting when claim.IsLive(record, now):
                    // Another invocation holds a live claim (a duplicate message); the sweep covers it if that one dies.
                    LogClaimed(logger, id);
                    if (request.Wake)
                    {
                        // Its own waiting message got it a slot just now: the freed slot this wake-up was for goes on.
                        await admission.PassOnWakeAsync(record, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                case OffboardingState.Submitting:
                    reconciling = true;
                    break;
                default:
                    if (request.Wake)
                    {
                        // A wake-up for a transfer that no longer waits (admitted meanwhile, or its waiter row outlived a crash
                        // after the claim): remove the row and pass the wake-up on, or the slot it was for would stay free.
                        await admission.PassOnWakeAsync(record, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    // Submitted, verifying or finished: a redelivery. Only make sure its events went out.
                    LogAlreadyDone(logger, id, record.State);
                    await outbox.RecoverAsync(stored, cancellationToken).ConfigureAwait(false);
                    return;
            }

            if (await claim.TryClaimAsync(stored, request, reconciling, now, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Offboarding {id} kept changing while being claimed; the queue will retry.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId} stored from its intake message (the intake did not store it)")]
    private static partial void LogStoredFromMessage(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId}: message of a repeated request dropped")]
    private static partial void LogRepeatMessage(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId} has no record; message acknowledged")]
    private static partial void LogMissing(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} is being submitted by another invocation; message acknowledged")]
    private static partial void LogClaimed(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} is already {State}; Zoho not called")]
    private static partial void LogAlreadyDone(ILogger logger, string offboardingId, OffboardingState state);
}
