using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>
/// The poll cycle's step for a <see cref="OffboardingState.Verifying"/> offboarding: re-checks the leaver in Zoho.
/// Deleted (or gone) means the transfer whose outcome was unknown went through: completed, with no second call.
/// Still there once the verify window has passed means Zoho never scheduled it (or its job failed): the record
/// goes back to Accepted and is due at once, so the sweep queues it and the transfer function sends it again;
/// after <see cref="TransferOptions.MaxUnconfirmedAttempts"/> unconfirmed attempts it fails with the reason instead.
/// </summary>
public sealed partial class UnconfirmedTransferVerifier
{
    private readonly ZohoCrmClient _zoho;
    private readonly OffboardingRepository _repository;
    private readonly EventOutbox _outbox;
    private readonly JobAdmission _admission;
    private readonly TransferOptions _options;
    private readonly BackoffSchedule _backoff;
    private readonly JobDurations _durations;
    private readonly TimeProvider _time;
    private readonly ILogger<UnconfirmedTransferVerifier> _logger;

    public UnconfirmedTransferVerifier(
        ZohoCrmClient zoho,
        OffboardingRepository repository,
        EventOutbox outbox,
        JobAdmission admission,
        IOptions<TransferOptions> options,
        BackoffSchedule backoff,
        JobDurations durations,
        TimeProvider time,
        ILogger<UnconfirmedTransferVerifier> logger)
    {
        _zoho = zoho ?? throw new ArgumentNullException(nameof(zoho));
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _admission = admission ?? throw new ArgumentNullException(nameof(admission));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _backoff = backoff ?? throw new ArgumentNullException(nameof(backoff));
        _durations = durations ?? throw new ArgumentNullException(nameof(durations));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// When to check the leaver first after an unknown outcome: once a job it may have scheduled would have ended (the
    /// longest recent job), else on the poll back-off; never after the verify window.
    /// </summary>
    public TimeSpan FirstCheckDelay
    {
        get
        {
            var delay = _durations.Longest ?? _backoff.DelayFor(0);
            return delay < _options.UnconfirmedWindow ? delay : _options.UnconfirmedWindow;
        }
    }

    public async Task VerifyAsync(StoredOffboarding stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var record = stored.Record;
        var leaverId = record.LeaverZohoId
            ?? throw new InvalidOperationException($"Offboarding {record.Id} is verifying without a resolved leaver.");
        ZohoUser? leaver;
        try
        {
            leaver = await _zoho.GetUserAsync(leaverId, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex)
        {
            LogCheckFailed(_logger, record.Id, ex.Code);
            await _repository.TrySaveAsync(stored, DueAt.At(_time.GetUtcNow() + _backoff.DelayFor(record.VerifyCount)), cancellationToken).ConfigureAwait(false);
            return;
        }

        var now = _time.GetUtcNow();
        record.VerifyCount++;
        if (leaver is null || leaver.Status == ZohoUserStatus.Deleted)
        {
            record.UnconfirmedSince = null;
            record.Complete(now, "verified", $"Zoho user {leaverId} is {leaver?.RawStatus ?? "gone"}: the transfer whose outcome was unknown went through");
            if (await _outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is not null)
            {
                LogConfirmed(_logger, record.Id);
                await _admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var since = record.UnconfirmedSince ?? now;
        var deadline = since + _options.UnconfirmedWindow;
        if (now < deadline)
        {
            if (_durations.Longest is { } longest && now - since >= longest)
            {
                // Any job the unknown attempt scheduled would have ended and deleted the leaver by now, as the longest
                // recent job did: none of Zoho's job slots is ours any more. The slot goes to the next waiting transfer;
                // the leaver is checked once more when the window ends, before any resend (never a second delete).
                record.Record(now, "admission", "slot_released",
                    $"Zoho user {leaverId} is still {leaver.RawStatus ?? leaver.Status.ToString()} {(now - since).TotalSeconds:0.#} s after the unknown outcome, longer than recent jobs take ({longest.TotalSeconds:0.#} s): its Zoho job slot goes to the next transfer; checked again when the window ends");
                if (await _repository.TrySaveAsync(stored, DueAt.At(deadline), cancellationToken).ConfigureAwait(false) is not null)
                {
                    await _admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            // Next look: when a job the attempt may have scheduled would have ended, else on the back-off.
            var next = _durations.Longest is { } expected ? since + expected : now + _backoff.DelayFor(record.VerifyCount);
            await _repository.TrySaveAsync(stored, DueAt.At(next < deadline ? next : deadline), cancellationToken).ConfigureAwait(false);
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
            if (await _outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is not null)
            {
                await _admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        record.State = OffboardingState.Accepted;
        record.Record(now, "verified", "not_scheduled",
            $"Zoho user {leaverId} is still {status} {_options.UnconfirmedWindow} after the unknown outcome: no job ran, sending the transfer again");
        if (await _repository.TrySaveAsync(stored, DueAt.At(now), cancellationToken).ConfigureAwait(false) is not null)
        {
            LogNotScheduled(_logger, record.Id);
            // Sent again later through the admission like any transfer; meanwhile the slot serves the next waiter.
            await _admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId}: the leaver is deleted; the transfer whose outcome was unknown went through")]
    private static partial void LogConfirmed(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: no sign of the transfer after the verify window; it is sent again")]
    private static partial void LogNotScheduled(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: could not check the leaver ({Code}); checked again later")]
    private static partial void LogCheckFailed(ILogger logger, string offboardingId, string code);
}
