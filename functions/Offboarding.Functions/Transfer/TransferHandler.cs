using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>
/// Queue <c>offboarding-requests</c>: takes one offboarding from Accepted to Submitted (user job running) or
/// to its end (role, portal, dry run, refusal, permanent error). The record is claimed as Submitting with an
/// ETag before Zoho is called, so a redelivered or duplicate message never calls Zoho a second time; a claim
/// left behind by a crash is reconciled with Zoho once its lease has passed. A transfer whose outcome is
/// unknown goes to Verifying, where the poll function takes over. Transient failures throw so the queue
/// retries; on the last attempt the record is marked failed first.
/// <para>A user transfer-and-delete first takes a Zoho job slot (<see cref="JobAdmission"/>). With none free, or when
/// Zoho itself refuses the job for its concurrent-job limit, the transfer waits on the queue: it sends itself again with
/// a growing delay and returns normally, so the wait holds no invocation and costs no dequeue count (the copy is sent
/// before this message is deleted, so a crash loses nothing) and no Zoho call.</para>
/// </summary>
public sealed partial class TransferHandler
{
    private const int MaxConflicts = 5;

    private readonly OffboardingRepository _repository;
    private readonly RequestDispatcher _dispatcher;
    private readonly ZohoOperationRunner _runner;
    private readonly JobAdmission _admission;
    private readonly EventOutbox _outbox;
    private readonly TransferOptions _options;
    private readonly BackoffSchedule _backoff;
    private readonly JobDurations _durations;
    private readonly UnconfirmedTransferVerifier _verifier;
    private readonly WebhookMessageIndex _messages;
    private readonly TimeProvider _time;
    private readonly ILogger<TransferHandler> _logger;

    public TransferHandler(
        OffboardingRepository repository,
        RequestDispatcher dispatcher,
        ZohoOperationRunner runner,
        JobAdmission admission,
        EventOutbox outbox,
        IOptions<TransferOptions> options,
        BackoffSchedule backoff,
        JobDurations durations,
        UnconfirmedTransferVerifier verifier,
        WebhookMessageIndex messages,
        TimeProvider time,
        ILogger<TransferHandler> logger)
    {
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _admission = admission ?? throw new ArgumentNullException(nameof(admission));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _backoff = backoff ?? throw new ArgumentNullException(nameof(backoff));
        _durations = durations ?? throw new ArgumentNullException(nameof(durations));
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _messages = messages ?? throw new ArgumentNullException(nameof(messages));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task RunAsync(QueueTriggerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = RequestDispatcher.Parse(message.MessageText);
        if (request is null)
        {
            // Retrying cannot make it readable: acknowledge it (the log says so) instead of poisoning.
            LogUnreadable(_logger, message.MessageId);
            return;
        }

        using var scope = _logger.BeginOffboardingScope(request.Id);
        var now = _time.GetUtcNow();
        if (request.NotBefore > now + TimeSpan.FromSeconds(5))
        {
            // Surfaced early because the queue caps initial invisibility at 7 days: defer again, with the record it may carry.
            await _dispatcher.SendAsync(request, request.NotBefore - now, cancellationToken).ConfigureAwait(false);
            LogDeferred(_logger, request.Id, request.NotBefore);
            return;
        }

        try
        {
            await ProcessAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (message.DequeueCount >= _options.MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            await FailAfterLastAttemptAsync(
                request.Id,
                $"Gave up after {message.DequeueCount} attempts; the message goes to {StorageNames.RequestPoisonQueue}. Last error: {FailureText.Describe(ex)}",
                cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task ProcessAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        var id = request.Id;
        var origin = _dispatcher.OpenOrigin(request);
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var stored = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                if (origin is null)
                {
                    LogMissing(_logger, id);
                    return;
                }

                // The intake sent this message but did not get to store the record (it died, or storage failed it).
                await _repository.TryCreateAsync(origin, null, cancellationToken).ConfigureAwait(false);
                LogStoredFromMessage(_logger, id);
                origin = null;
                continue;
            }

            if (origin is not null && !origin.IsSameAcceptanceAs(stored.Record))
            {
                // A repeat request's message: the offboarding has its own message, which carries it.
                LogRepeatMessage(_logger, id);
                return;
            }

            var record = stored.Record;
            var now = _time.GetUtcNow();
            bool reconciling;
            switch (record.State)
            {
                case OffboardingState.Accepted:
                    reconciling = false;
                    break;
                case OffboardingState.Submitting when now - record.SubmittingSince < _options.SubmittingLease:
                    // Another invocation holds a live claim (a duplicate message); the sweep covers it if that one dies.
                    LogClaimed(_logger, id);
                    if (request.Wake)
                    {
                        // Its own waiting message got it a slot just now: the freed slot this wake-up was for goes on.
                        await _admission.PassOnWakeAsync(record, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                case OffboardingState.Submitting:
                    reconciling = true;
                    break;
                default:
                    if (request.Wake)
                    {
                        // A wake-up for a transfer that no longer waits: admitted meanwhile, or its waiter row outlived a
                        // crash after the claim. Remove the row so wake-ups go to those still waiting, and pass this one
                        // on, or the slot it was for would stay free until some waiting message happens to look.
                        await _admission.PassOnWakeAsync(record, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    // Submitted, verifying or finished: a redelivery. Only make sure its events went out.
                    LogAlreadyDone(_logger, id, record.State);
                    await _outbox.RecoverAsync(stored, cancellationToken).ConfigureAwait(false);
                    return;
            }

            if (JobAdmission.Needs(record) && await _admission.TryAcquireAsync(record, cancellationToken).ConfigureAwait(false) is { Acquired: false } refused)
            {
                if (await WaitForSlotAsync(stored, request, refused.Limit, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            var waitedSince = record.WaitingForSlotSince;
            if (waitedSince is not null)
            {
                record.WaitingForSlotSince = null;
                record.Record(now, "admission", "admitted", string.Create(CultureInfo.InvariantCulture, $"a Zoho job slot after {(now - waitedSince.Value).TotalSeconds:0.#} s"));
            }

            if (!reconciling && record.WebhookMessageId is { } messageId
                && await _messages.ClaimAsync(messageId, id, now, cancellationToken).ConfigureAwait(false) is var madeBy && madeBy != id)
            {
                if (await CancelAsDuplicateAsync(stored, madeBy, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            record.State = OffboardingState.Submitting;
            record.SubmittingSince = now;
            record.Record(now, reconciling ? "reconciling" : "submitting", "claimed",
                reconciling ? "an earlier attempt stopped after claiming; checking Zoho before calling again" : null);

            // While claimed, the record is due for the sweep just after the lease, in case this process dies.
            var claimed = await _repository.TrySaveAsync(stored, DueAt.At(now + _options.SubmittingLease + TimeSpan.FromSeconds(30)), cancellationToken).ConfigureAwait(false);
            if (claimed is null)
            {
                continue;
            }

            // Its waiter row goes while Zoho is called: off the path from a freed slot to the next job.
            var leaving = waitedSince is not null ? _admission.RemoveWaiterAsync(record, cancellationToken) : Task.CompletedTask;
            try
            {
                await RunClaimedAsync(claimed, request, reconciling, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await leaving.ConfigureAwait(false);
            }

            return;
        }

        throw new InvalidOperationException($"Offboarding {id} kept changing while being claimed; the queue will retry.");
    }

    private async Task RunClaimedAsync(StoredOffboarding claimed, RequestMessage request, bool reconciling, CancellationToken cancellationToken)
    {
        var record = claimed.Record;
        try
        {
            await _runner.RunAsync(record, reconciling, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex) when (ex.IsJobLimitReached && !cancellationToken.IsCancellationRequested)
        {
            await DeferRefusedAsync(claimed, request, ex, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            await ReleaseClaimAsync(claimed, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var now = _time.GetUtcNow();
        record.SubmittingSince = null;
        var due = record.State switch
        {
            // First poll when recent jobs suggest this one ends, so it costs about one status call.
            OffboardingState.Submitted => DueAt.At(now + (_durations.FirstPoll ?? _backoff.DelayFor(0))),
            OffboardingState.Verifying => DueAt.At(now + _verifier.FirstCheckDelay),
            _ => DueAt.At(now + EventOutbox.RetryAfter),
        };

        // If this write fails (or the process dies first) the record stays Submitting: the redelivery reconciles.
        _ = await _outbox.SaveAndPublishAsync(claimed, due, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Offboarding {record.Id} changed while Zoho was called; the redelivery reconciles it.");
        LogDone(_logger, record.Id, record.State, record.ZohoJobId);
        if (record.State is not (OffboardingState.Submitted or OffboardingState.Verifying))
        {
            // No job runs for it (finished, refused, already done): the slot goes to the next waiter.
            await _admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Another offboarding was made from the same webhook message (its sender changed the body of a retry): the first to
    /// get here keeps the message, this one ends cancelled before anything reaches Zoho. False on a write conflict.
    /// </summary>
    private async Task<bool> CancelAsDuplicateAsync(StoredOffboarding stored, string madeBy, CancellationToken cancellationToken)
    {
        var record = stored.Record;
        var now = _time.GetUtcNow();
        record.Cancel(new OperatorAction(now, "intake", $"a duplicate: webhook message {record.WebhookMessageId} already made offboarding {madeBy}"));
        if (await _outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is null)
        {
            // Changed meanwhile: read again (the slot it took is found again as its own).
            return false;
        }

        // The slot it took and its place among the waiters go to the next transfer.
        await _admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        LogDuplicateMessage(_logger, record.Id, madeBy);
        return true;
    }

    /// <summary>
    /// No free slot: the transfer waits on the queue. The first wait is recorded (audit, status, the waiter list that
    /// orders wake-ups); later looks write nothing. Returns false when the record changed meanwhile (read it again).
    /// </summary>
    private async Task<bool> WaitForSlotAsync(StoredOffboarding stored, RequestMessage request, int limit, CancellationToken cancellationToken)
    {
        if (request.Wake)
        {
            // A wake-up that lost the race for the freed slot: the offboarding's own waiting message is still queued.
            return true;
        }

        var record = stored.Record;
        var ahead = 0;
        if (record.WaitingForSlotSince is null)
        {
            var now = _time.GetUtcNow();
            ahead = await _admission.AddWaiterAsync(record, cancellationToken).ConfigureAwait(false);
            record.WaitingForSlotSince = now;
            record.Record(now, "admission", "waiting", JobAdmission.DescribeWait(limit, ahead));
            if (await _repository.TrySaveAsync(stored, DueAt.At(now + WaitingSweepAfter), cancellationToken).ConfigureAwait(false) is null)
            {
                return false;
            }

            LogWaiting(_logger, record.Id, ahead);
        }

        await SendWaitingAsync(request, ahead, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Sent before this invocation returns (and its message is deleted): the wait survives a crash at any point.
    private Task SendWaitingAsync(RequestMessage request, int ahead, CancellationToken cancellationToken) =>
        _dispatcher.SendAsync(new RequestMessage(request.Id, request.NotBefore, request.SlotWaits + 1), _admission.NextWait(request.SlotWaits, ahead), cancellationToken);

    /// <summary>
    /// How long a waiting record stays off the poll's sweep: its own queue message carries the wait, so the sweep is only
    /// a safety net (it sends one more message), and must not multiply the waiting messages.
    /// </summary>
    private TimeSpan WaitingSweepAfter => _options.SlotWaitMaxDelay * 20;

    /// <summary>
    /// Zoho refused the job for its concurrent-job limit (another system may be using the org, or its limit is lower than
    /// ours). Nothing was scheduled, so this is no failed attempt: back to Accepted, the shared limit lowered to Zoho's,
    /// the slot given back without waking anyone (Zoho would refuse them too), and the transfer waits like any other.
    /// </summary>
    private async Task DeferRefusedAsync(StoredOffboarding claimed, RequestMessage request, ZohoCrmException refusal, CancellationToken cancellationToken)
    {
        var record = claimed.Record;
        var now = _time.GetUtcNow();
        if (refusal.JobLimit is int reported)
        {
            await _admission.LowerLimitAsync(reported, cancellationToken).ConfigureAwait(false);
        }

        var first = record.WaitingForSlotSince is null;
        var ahead = first ? await _admission.AddWaiterAsync(record, cancellationToken).ConfigureAwait(false) : 0;
        record.State = OffboardingState.Accepted;
        record.SubmittingSince = null;
        record.WaitingForSlotSince ??= now;
        record.Record(now, "zoho", "job_limit",
            string.Create(CultureInfo.InvariantCulture, $"{refusal.Code}: Zoho runs its limit of {refusal.JobLimit?.ToString(CultureInfo.InvariantCulture) ?? "?"} jobs; ") +
            (first ? JobAdmission.DescribeWait(refusal.JobLimit ?? _options.MaxConcurrentJobs, ahead) : "waiting for a Zoho job slot again"));

        // If this write fails the record stays Submitting and the redelivery reconciles it (the user is still there: re-planned, sent).
        _ = await _repository.TrySaveAsync(claimed, DueAt.At(now + WaitingSweepAfter), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Offboarding {record.Id} changed while Zoho was called; the redelivery reconciles it.");
        await _admission.ReleaseAsync(record, wake: false, cancellationToken).ConfigureAwait(false);
        await SendWaitingAsync(request with { Wake = false }, ahead, cancellationToken).ConfigureAwait(false);
        LogRefusedByZoho(_logger, record.Id, refusal.JobLimit);
    }

    // A transient failure means Zoho did not take the work: release the claim so the retry submits straight away.
    private async Task ReleaseClaimAsync(StoredOffboarding claimed, Exception ex, CancellationToken cancellationToken)
    {
        var record = claimed.Record;
        var now = _time.GetUtcNow();
        record.State = OffboardingState.Accepted;
        record.SubmittingSince = null;
        record.Record(now, "zoho", "transient", FailureText.Describe(ex));
        try
        {
            if (await _repository.TrySaveAsync(claimed, DueAt.Keep, cancellationToken).ConfigureAwait(false) is not null)
            {
                // No job was scheduled: others may use the slot while the queue waits to retry this one.
                await _admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Azure.RequestFailedException)
        {
            // Storage is down too: the claim stays and is reconciled once its lease passes.
        }

        LogTransient(_logger, record.Id, FailureText.Describe(ex));
    }

    /// <summary>
    /// A request message that reached the poison queue: the offboarding ends failed with the reason, unless Zoho already
    /// has it (submitted, verifying) or it has ended. The message is then done with; the record keeps the evidence.
    /// </summary>
    public async Task RunPoisonedAsync(QueueTriggerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (RequestDispatcher.Parse(message.MessageText) is not { } request)
        {
            LogUnreadable(_logger, message.MessageId);
            return;
        }

        using var scope = _logger.BeginOffboardingScope(request.Id);
        await FailAfterLastAttemptAsync(
            request.Id,
            $"Its request message was moved to {StorageNames.RequestPoisonQueue}: every delivery failed or could not be processed.",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task FailAfterLastAttemptAsync(string id, string reason, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < MaxConflicts; attempt++)
            {
                var stored = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
                if (stored is null || stored.Record.State.IsTerminal() || stored.Record.State is OffboardingState.Submitted or OffboardingState.Verifying)
                {
                    return;
                }

                var now = _time.GetUtcNow();

                // Failing while claimed: the last attempt may have reached Zoho, so an operator's retry verifies first.
                stored.Record.MayHaveReachedZoho = stored.Record.State == OffboardingState.Submitting;
                stored.Record.SubmittingSince = null;
                stored.Record.Fail(now, "transfer", RefusalCodes.RetriesExhausted, reason);
                if (await _outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is not null)
                {
                    await _admission.ReleaseAsync(stored.Record, wake: true, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception inner) when (inner is Azure.RequestFailedException or HttpRequestException)
        {
            // The poison message remains; an operator finds it, and the record's last audit step says why.
            LogCannotMarkFailed(_logger, id, inner.GetType().Name);
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        ZohoCrmException zoho => zoho.Classification == ZohoErrorClassification.Transient,
        ZohoTransientFailureException or HttpRequestException or TimeoutException => true,
        TaskCanceledException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} waits for a Zoho job slot ({Ahead} ahead)")]
    private static partial void LogWaiting(ILogger logger, string offboardingId, int ahead);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: Zoho refused the job for its concurrent-job limit ({Limit}); waiting for a slot")]
    private static partial void LogRefusedByZoho(ILogger logger, string offboardingId, int? limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped unreadable queue message {MessageId}")]
    private static partial void LogUnreadable(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} deferred again until {NotBefore:O}")]
    private static partial void LogDeferred(ILogger logger, string offboardingId, DateTimeOffset notBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId} stored from its intake message (the intake did not store it)")]
    private static partial void LogStoredFromMessage(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId}: message of a repeated request dropped")]
    private static partial void LogRepeatMessage(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId} cancelled: its webhook message already made offboarding {MadeBy}")]
    private static partial void LogDuplicateMessage(ILogger logger, string offboardingId, string madeBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId} has no record; message acknowledged")]
    private static partial void LogMissing(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} is being submitted by another invocation; message acknowledged")]
    private static partial void LogClaimed(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} is already {State}; Zoho not called")]
    private static partial void LogAlreadyDone(ILogger logger, string offboardingId, OffboardingState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} is now {State} (Zoho job {JobId})")]
    private static partial void LogDone(ILogger logger, string offboardingId, OffboardingState state, string? jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: transient failure ({Error}); the queue will retry")]
    private static partial void LogTransient(ILogger logger, string offboardingId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Offboarding {OffboardingId} exhausted its retries but could not be marked failed ({Error})")]
    private static partial void LogCannotMarkFailed(ILogger logger, string offboardingId, string error);
}
