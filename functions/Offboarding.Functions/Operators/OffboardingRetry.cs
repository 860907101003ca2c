using Microsoft.Extensions.Logging;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Operators;

/// <summary>Sends a failed offboarding again once its cause is fixed; a refusal that would repeat needs <c>force</c>, and an
/// attempt that may have reached Zoho is verified first (docs/adr/002-never-a-second-delete.md).</summary>
public sealed partial class OffboardingRetry(
    OffboardingRepository repository,
    RequestDispatcher dispatcher,
    EventOutbox outbox,
    PollTiming timing,
    TimeProvider time,
    ILogger<OffboardingRetry> logger)
{
    private const int MaxConflicts = 5;

    /// <summary>The failure codes a plain retry may repeat: the pipeline stopped trying, nobody refused the work.</summary>
    private static readonly HashSet<string> Retryable = new(StringComparer.Ordinal)
    {
        RefusalCodes.RetriesExhausted,
        RefusalCodes.ZohoJobFailed,
        RefusalCodes.PortalTransferIncomplete,
    };

    public static bool IsRetryable(string? failureCode) => failureCode is not null && Retryable.Contains(failureCode);

    public async Task<RetryOutcome> RetryAsync(string id, string by, string? reason, bool force, UserReference? transferTo, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginOffboardingScope(id);
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            if (await repository.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return new RetryOutcome(RetryOutcomeKind.NotFound);
            }

            var record = stored.Record;
            if (Refusal(record, force) is { } refusal)
            {
                return new RetryOutcome(RetryOutcomeKind.Refused, record, refusal);
            }

            var now = time.GetUtcNow();
            if (transferTo is not null)
            {
                record.Request = record.Request with { Transfer = record.Request.Transfer with { To = transferTo } };
                record.Record(now, "retry", "target_changed", $"records go to {transferTo.ZohoUserId ?? transferTo.Email} (by {by})");
            }

            record.StartRetry(new OperatorAction(now, by, reason));
            var verifying = record.State == OffboardingState.Verifying;
            var due = verifying ? DueAt.At(now + timing.Backoff(0)) : DueAt.At(now + timing.SweepAfter);
            if (await outbox.SaveAndPublishAsync(stored, due, cancellationToken).ConfigureAwait(false) is not { } saved)
            {
                continue;
            }

            if (!verifying)
            {
                // Saved first, then queued: if the queue call fails, the sweep queues it.
                await dispatcher.SendAsync(record, now, cancellationToken).ConfigureAwait(false);
            }

            LogRetried(logger, id, record.Attempt, verifying);
            return new RetryOutcome(RetryOutcomeKind.Retried, saved.Record);
        }

        throw new InvalidOperationException($"Offboarding {id} kept changing while being retried; try again.");
    }

    private static string? Refusal(OffboardingRecord record, bool force)
    {
        if (record.State != OffboardingState.Failed)
        {
            return $"Only a failed offboarding can be retried; this one is {record.State.ToWireName()}.";
        }

        if (record.PendingEvents.Count > 0)
        {
            return "Its failure is still being announced; retry in a few minutes.";
        }

        return IsRetryable(record.FailureCode) || force
            ? null
            : $"It failed with {record.FailureCode} ({record.FailureMessage}), which will happen again until the cause is fixed. Fix it (for instance name a new transfer target in 'transferTo') and retry with \"force\": true.";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} retried as attempt {Attempt} (verifying first: {Verifying})")]
    private static partial void LogRetried(ILogger logger, string offboardingId, int attempt, bool verifying);
}
