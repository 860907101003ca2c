using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Persistence;
using Offboarding.Functions.Transfer;
using Zoho.Crm;

namespace Offboarding.Functions.Polling;

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
    private readonly TimeProvider _time;
    private readonly ILogger<UnconfirmedTransferVerifier> _logger;

    public UnconfirmedTransferVerifier(
        ZohoCrmClient zoho,
        OffboardingRepository repository,
        EventOutbox outbox,
        JobAdmission admission,
        IOptions<TransferOptions> options,
        BackoffSchedule backoff,
        TimeProvider time,
        ILogger<UnconfirmedTransferVerifier> logger)
    {
        _zoho = zoho ?? throw new ArgumentNullException(nameof(zoho));
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _admission = admission ?? throw new ArgumentNullException(nameof(admission));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _backoff = backoff ?? throw new ArgumentNullException(nameof(backoff));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
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

        var deadline = (record.UnconfirmedSince ?? now) + _options.UnconfirmedWindow;
        if (now < deadline)
        {
            var next = now + _backoff.DelayFor(record.VerifyCount);
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
