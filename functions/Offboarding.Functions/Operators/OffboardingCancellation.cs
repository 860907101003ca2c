using System.Globalization;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Operators;

/// <summary>Cancels an offboarding not yet sent to Zoho without a lock: the cancel and the transfer's claim both write with
/// the ETag, so whichever lands first wins and the other sees it lost.</summary>
public sealed partial class OffboardingCancellation(
    OffboardingRepository repository,
    EventOutbox outbox,
    JobAdmission admission,
    TimeProvider time,
    ILogger<OffboardingCancellation> logger)
{
    private const int MaxConflicts = 5;

    public async Task<CancelOutcome> CancelAsync(string id, string by, string? reason, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginOffboardingScope(id);
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            if (await repository.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return new CancelOutcome(CancelOutcomeKind.NotFound);
            }

            var record = stored.Record;
            if (record.State == OffboardingState.Cancelled)
            {
                return new CancelOutcome(CancelOutcomeKind.AlreadyCancelled, record);
            }

            if (!record.CanBeCancelled)
            {
                return new CancelOutcome(CancelOutcomeKind.TooLate, record, WhyTooLate(record));
            }

            var waited = record.WaitingForSlotSince is not null;
            var now = time.GetUtcNow();
            record.Cancel(new OperatorAction(now, by, reason));
            if (await outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is not { } saved)
            {
                continue;
            }

            if (waited)
            {
                // Its place among the transfers waiting for a Zoho job slot goes to the next one.
                await admission.RemoveWaiterAsync(saved.Record, cancellationToken).ConfigureAwait(false);
            }

            LogCancelled(logger, id);
            return new CancelOutcome(CancelOutcomeKind.Cancelled, saved.Record);
        }

        throw new InvalidOperationException($"Offboarding {id} kept changing while being cancelled; try again.");
    }

    /// <summary>The problem text of a refused cancel: since when Zoho has it, or how it ended.</summary>
    public static string WhyTooLate(OffboardingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        static string At(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "an unrecorded time";
        return record.State switch
        {
            OffboardingState.Submitting => $"It has been sent to Zoho (since {At(record.SubmittingSince)}), and Zoho's transfer-and-delete cannot be undone.",
            OffboardingState.Verifying => $"A transfer-and-delete may have reached Zoho (since {At(record.UnconfirmedSince)}), and it cannot be undone.",
            OffboardingState.Submitted => $"Zoho has had the transfer-and-delete job since {At(record.SubmittedAt)}, and it cannot be undone.",
            OffboardingState.Completed => $"It was completed in Zoho at {At(record.FinishedAt)}; the user is gone and cannot be restored from here.",
            _ => $"It already ended as {record.State.ToWireName()} at {At(record.FinishedAt)}; there is nothing left to cancel.",
        };
    }

    // Who cancelled is in the audit trail, not the log: names stay out of logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} cancelled")]
    private static partial void LogCancelled(ILogger logger, string offboardingId);
}
