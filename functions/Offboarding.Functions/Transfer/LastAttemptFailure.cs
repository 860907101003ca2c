using Microsoft.Extensions.Logging;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>A request whose last attempt failed (or whose message was poisoned) ends failed with the reason, unless Zoho
/// already has it or it has ended: the record, not the poison queue, is where operators look.</summary>
public sealed partial class LastAttemptFailure(
    OffboardingRepository repository,
    EventOutbox outbox,
    JobAdmission admission,
    OffboardingMetrics metrics,
    TimeProvider time,
    ILogger<LastAttemptFailure> logger)
{
    private const int MaxConflicts = 5;

    /// <summary>Its request message reached the poison queue: counted, then failed as <see cref="FailAsync"/>.</summary>
    public Task PoisonedAsync(string id, string reason, CancellationToken cancellationToken)
    {
        metrics.PoisonMessage();
        return FailAsync(id, reason, cancellationToken);
    }

    public async Task FailAsync(string id, string reason, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < MaxConflicts; attempt++)
            {
                var stored = await repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
                if (stored is null || stored.Record.State.IsTerminal() || stored.Record.State is OffboardingState.Submitted or OffboardingState.Verifying)
                {
                    return;
                }

                var now = time.GetUtcNow();

                // Failing while claimed: the last attempt may have reached Zoho, so an operator's retry verifies first.
                stored.Record.MayHaveReachedZoho = stored.Record.State == OffboardingState.Submitting;
                stored.Record.SubmittingSince = null;
                stored.Record.Fail(now, "transfer", RefusalCodes.RetriesExhausted, reason);
                if (await outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is not null)
                {
                    await admission.ReleaseAsync(stored.Record, wake: true, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception inner) when (inner is Azure.RequestFailedException or HttpRequestException)
        {
            // The poison message remains; an operator finds it, and the record's last audit step says why.
            LogCannotMarkFailed(logger, id, inner.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Offboarding {OffboardingId} exhausted its retries but could not be marked failed ({Error})")]
    private static partial void LogCannotMarkFailed(ILogger logger, string offboardingId, string error);
}
