using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>What the leaver's state says of a transfer with an unknown outcome: gone means it went through (no second call);
/// still there after the verify window means it never ran, so it is sent again or, after too many tries, fails.</summary>
public sealed partial class UnconfirmedTransferResolution(
    OffboardingRepository repository,
    EventOutbox outbox,
    JobAdmission admission,
    PollTiming timing,
    IOptions<TransferOptions> options,
    ILogger<UnconfirmedTransferResolution> logger)
{
    private readonly TransferOptions _options = options.Value;

    /// <summary>Frees the Zoho job slot of an unknown outcome as old as its first check (<see cref="PollTiming.FirstCheck"/>), before
    /// the leaver is read. Returns that age when it freed a slot (else null), for the record's next write to say so.</summary>
    public async Task<TimeSpan?> FreeOutlivedSlotAsync(OffboardingRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outlived = timing.FirstCheck;
        if (record.UnconfirmedSince is not { } since || now - since < outlived || record.UnconfirmedSlotReleased())
        {
            return null;
        }

        // An operator's retry goes to verifying holding no slot: nothing is freed, and the audit says nothing of it.
        return await admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false) > 0 ? outlived : null;
    }

    /// <summary>Acts on the leaver as Zoho showed it at <paramref name="now"/> (null: no such user any more), after
    /// <see cref="FreeOutlivedSlotAsync"/> at the same moment, which freed the slot after <paramref name="freedAfter"/>.</summary>
    public async Task ResolveAsync(StoredOffboarding stored, string leaverId, ZohoUser? leaver, DateTimeOffset now, TimeSpan? freedAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var record = stored.Record;
        if (leaver is null || leaver.Status == ZohoUserStatus.Deleted)
        {
            record.UnconfirmedSince = null;
            record.Complete(now, "verified", $"Zoho user {leaverId} is {leaver?.RawStatus ?? "gone"}: the transfer whose outcome was unknown went through");
            if (await outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is not null)
            {
                LogConfirmed(logger, record.Id);
                await admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var since = record.UnconfirmedSince ?? now;
        var deadline = since + _options.UnconfirmedWindow;
        if (now < deadline)
        {
            await WaitForWindowAsync(stored, $"Zoho user {leaverId} is still {leaver.RawStatus ?? leaver.Status.ToString()}", since, deadline, now, freedAfter, cancellationToken).ConfigureAwait(false);
            return;
        }

        var status = leaver.RawStatus ?? leaver.Status.ToString();
        record.UnconfirmedSince = null;
        if (record.UnconfirmedAttempts >= _options.MaxUnconfirmedAttempts)
        {
            // Zoho keeps failing in a way that may or may not have acted: stop sending, as the queue stops after its last attempt.
            record.MayHaveReachedZoho = true;
            record.Fail(now, "verified", RefusalCodes.RetriesExhausted,
                $"{record.UnconfirmedAttempts} transfer attempts ended with an unknown outcome and Zoho user {leaverId} is still {status}; not sending again");
            if (await outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is not null)
            {
                await admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        record.State = OffboardingState.Accepted;
        record.Record(now, "verified", "not_scheduled",
            $"Zoho user {leaverId} is still {status} {_options.UnconfirmedWindow} after the unknown outcome: no job ran, sending the transfer again");
        if (await repository.TrySaveAsync(stored, DueAt.At(now), cancellationToken).ConfigureAwait(false) is not null)
        {
            LogNotScheduled(logger, record.Id);
            // Sent again later through the admission like any transfer; meanwhile the slot serves the next waiter.
            await admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The leaver could not be read (Zoho failed the call): looked at again after <paramref name="later"/> (never after
    /// the window's end), having recorded that <see cref="FreeOutlivedSlotAsync"/> freed the slot after <paramref name="freedAfter"/>.</summary>
    public async Task CheckFailedAsync(StoredOffboarding stored, DateTimeOffset now, TimeSpan later, TimeSpan? freedAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var since = stored.Record.UnconfirmedSince ?? now;
        if (freedAfter is { } outlived)
        {
            RecordSlotFreed(stored.Record, "the leaver could not be read", since, outlived, now);
        }

        // Capped at the window's end only before it: past it, a failing read waits its full pause, never a hot retry.
        var deadline = since + _options.UnconfirmedWindow;
        var next = now + later;
        await repository.TrySaveAsync(stored, DueAt.At(now < deadline && next > deadline ? deadline : next), cancellationToken).ConfigureAwait(false);
    }

    // Still within the window: the leaver is looked at again, never after the window's end.
    private async Task WaitForWindowAsync(StoredOffboarding stored, string seen, DateTimeOffset since, DateTimeOffset deadline, DateTimeOffset now, TimeSpan? freedAfter, CancellationToken cancellationToken)
    {
        var record = stored.Record;
        if (freedAfter is { } outlived)
        {
            // A job the unknown attempt scheduled would most likely have ended and deleted the leaver by now: the Zoho job
            // slot went to the next waiting transfer. Should such a job still run, Zoho refuses the next transfer for its
            // limit, which only defers it (ADR 003). Nothing is sent again before the window ends (never a second delete).
            RecordSlotFreed(record, seen, since, outlived, now);
        }

        // Before the first check's age, the next look is at it (the slot goes then); after, at twice the outcome's age (at
        // least the back-off): a job that ran longer than expected is seen ending, and announced, within its own length,
        // and one that never ran costs about log2(window / first check) reads (7 with the defaults) before the resend.
        var (age, firstCheck) = (now - since, timing.FirstCheck);
        var next = age < firstCheck ? since + firstCheck : now + Longer(age, timing.Backoff(record.VerifyCount));
        await repository.TrySaveAsync(stored, DueAt.At(next < deadline ? next : deadline), cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan Longer(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // Records what FreeOutlivedSlotAsync did at the same moment, with the record's next write.
    private static void RecordSlotFreed(OffboardingRecord record, string seen, DateTimeOffset since, TimeSpan outlived, DateTimeOffset now) =>
        record.RecordSlotReleased(now,
            $"{seen} {(now - since).TotalSeconds:0.#} s after the unknown outcome, longer than a job it may have scheduled would most likely take ({outlived.TotalSeconds:0.#} s): its Zoho job slot went to the next transfer");

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId}: the leaver is deleted; the transfer whose outcome was unknown went through")]
    private static partial void LogConfirmed(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: no sign of the transfer after the verify window; it is sent again")]
    private static partial void LogNotScheduled(ILogger logger, string offboardingId);
}
