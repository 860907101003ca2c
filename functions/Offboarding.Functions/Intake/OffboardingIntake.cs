using Microsoft.Extensions.Logging;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Intake;

/// <summary>Stores and queues a valid request once per (source, event id) and once per webhook message, message before record,
/// so nothing answered 202 is lost if the process dies in between (the transfer step stores the record from the message).</summary>
public sealed partial class OffboardingIntake(
    OffboardingRepository repository,
    RequestDispatcher queue,
    WebhookMessageIndex messages,
    BlastRadiusHold hold,
    TimeProvider time,
    ILogger<OffboardingIntake> logger)
{
    /// <summary>The answer to a read request: its problems, the accepted (or existing) offboarding, or 503 without storage; a
    /// body that does not read under a message id that already made an offboarding is answered as that one.</summary>
    public async Task<HttpAnswer> AnswerAsync(RequestReadResult read, string? messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            if (read.Request is null)
            {
                return messageId is not null && await EarlierCopyAsync(messageId, cancellationToken).ConfigureAwait(false) is { } earlier
                    ? IntakeResponses.Accepted(earlier)
                    : IntakeResponses.Invalid(read);
            }

            // One webhook message, one offboarding: its id is claimed before anything is stored or queued, so a copy that
            // reuses it with another body is answered as the first and adds nothing.
            var id = OffboardingId.From(read.Request.Source, read.Request.SourceEventId);
            if (messageId is not null && await messages.ClaimAsync(messageId, id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is var madeBy && madeBy != id)
            {
                return await AnswerAsMadeByAsync(madeBy, cancellationToken).ConfigureAwait(false);
            }

            return IntakeResponses.Accepted(await AcceptAsync(read.Request, messageId, cancellationToken).ConfigureAwait(false));
        }
        catch (Azure.RequestFailedException ex)
        {
            LogStorageDown(logger, ex.Status);
            return IntakeResponses.Unavailable();
        }
    }

    public Task<IntakeOutcome> AcceptAsync(OffboardingRequest request, string? messageId, CancellationToken cancellationToken) =>
        AcceptAsync(request, messageId, null, cancellationToken);

    /// <summary>Accepts a request someone approved already (a batch's member): the blast-radius hold neither counts nor holds it,
    /// since the approval is what the hold would have asked for; <paramref name="approval"/> goes into the audit trail.</summary>
    public Task<IntakeOutcome> AcceptApprovedAsync(OffboardingRequest request, string approval, CancellationToken cancellationToken) =>
        AcceptAsync(request, null, approval, cancellationToken);

    /// <summary>A webhook for someone a batch offboards: its message id is claimed for that person's offboarding, and it is
    /// answered with it (202 while the batch has not started them yet), never with a second offboarding.</summary>
    public async Task<HttpAnswer> AnswerJoinedAsync(string offboardingId, string batchId, string? messageId, CancellationToken cancellationToken)
    {
        try
        {
            if (messageId is not null && await messages.ClaimAsync(messageId, offboardingId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is var madeBy && madeBy != offboardingId)
            {
                return await AnswerAsMadeByAsync(madeBy, cancellationToken).ConfigureAwait(false);
            }

            LogJoined(logger, offboardingId, batchId);
            return await repository.GetAsync(offboardingId, cancellationToken).ConfigureAwait(false) is { } stored
                ? IntakeResponses.Accepted(new IntakeOutcome(stored, Created: false))
                : IntakeResponses.WaitingInBatch(offboardingId, batchId);
        }
        catch (Azure.RequestFailedException ex)
        {
            LogStorageDown(logger, ex.Status);
            return IntakeResponses.Unavailable();
        }
    }

    private async Task<IntakeOutcome> AcceptAsync(OffboardingRequest request, string? messageId, string? approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var id = OffboardingId.From(request.Source, request.SourceEventId);
        using var scope = logger.BeginOffboardingScope(id);
        using var activity = OffboardingTelemetry.StartStep("offboarding.intake", id);
        activity?.SetTag("offboarding.operation", request.Operation.ToWireName());
        var now = time.GetUtcNow();
        var notBefore = request.EffectiveAt is { } at && at > now ? at : now;
        var record = new OffboardingRecord
        {
            Id = id,
            Request = request,
            WebhookMessageId = messageId,
            CreatedAt = now,
            UpdatedAt = now,
            EffectiveAt = notBefore,
            TraceParent = OffboardingTelemetry.TraceParentOf(activity),
            TraceState = OffboardingTelemetry.TraceStateOf(activity),
        };

        // A dry run is never held nor counted, but says whether it would have been. A repeat of an event is counted
        // again before it is found to be a repeat: the hold errs towards tripping early, never late.
        var decision = request.DryRun || approval is not null ? HoldDecision.NotHeld : await hold.AdmitAsync(id, cancellationToken).ConfigureAwait(false);
        var wouldHold = request.DryRun && await hold.WouldHoldAsync(cancellationToken).ConfigureAwait(false);
        var detail = string.Join("; ", new[]
        {
            notBefore > now ? $"deferred until {notBefore:O}" : null,
            wouldHold ? "a real request would have been held by the blast-radius hold" : null,
            approval,
        }.OfType<string>());
        record.Record(now, "accepted", "ok", detail.Length == 0 ? null : detail);
        if (decision.Held)
        {
            // Held: stored, not queued; an operator's approval queues it.
            record.Hold(now, decision.Reason!);
        }
        else
        {
            // A repeat of an existing offboarding sends a message too (it is not known to be a repeat yet): the transfer
            // step drops a message whose record was made by another request.
            var sent = await queue.SendNewAsync(record, now, cancellationToken).ConfigureAwait(false);

            // Past the queue's longest delay the message is sent again when it surfaces, and this one's receipt says nothing.
            record.FirstMessage = notBefore - now <= RequestDispatcher.MaxDelay ? sent : null;
        }

        // The message is the reminder, and it was sent first; the due row is the sweep's check that it was not taken by an
        // instance that died with it (hidden for the host's 10 minutes). Insert first and read only on conflict.
        var firstCheck = record.FirstMessage is null ? (DateTimeOffset?)null : notBefore + TransferSweep.FirstDeliveryCheck;
        if (await repository.TryCreateAsync(record, firstCheck, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            LogAccepted(logger, id, request.Operation, notBefore, decision.Held);
            return new IntakeOutcome(stored, Created: true);
        }

        var existing = await repository.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Offboarding {id} conflicted on insert but cannot be read.");

        // The transfer step may have stored it from this very request's message first: then it is this request's.
        var ours = existing.Record.IsSameAcceptanceAs(record);
        if (!ours)
        {
            LogDuplicate(logger, id);
        }

        return new IntakeOutcome(existing, Created: ours);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} accepted ({Operation}), due {NotBefore:O}, held by the blast-radius hold: {Held}")]
    private static partial void LogAccepted(ILogger logger, string offboardingId, OffboardingOperation operation, DateTimeOffset notBefore, bool held);

    [LoggerMessage(Level = LogLevel.Information, Message = "A webhook for offboarding {OffboardingId} joined it: the person is in batch {BatchId}")]
    private static partial void LogJoined(ILogger logger, string offboardingId, string batchId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} already exists; duplicate event answered with it")]
    private static partial void LogDuplicate(ILogger logger, string offboardingId);

    /// <summary>A copy of a message that made another offboarding: answered as that one, or 409 until it is stored.</summary>
    private async Task<HttpAnswer> AnswerAsMadeByAsync(string madeBy, CancellationToken cancellationToken)
    {
        LogDuplicateMessage(logger, madeBy);
        return await repository.GetAsync(madeBy, cancellationToken).ConfigureAwait(false) is { } earlier
            ? IntakeResponses.Accepted(new IntakeOutcome(earlier, Created: false))
            : IntakeResponses.MessageInUse(madeBy);
    }

    /// <summary>The offboarding an earlier copy of this message made, if any; storage trouble reads as none.</summary>
    private async Task<IntakeOutcome?> EarlierCopyAsync(string messageId, CancellationToken cancellationToken)
    {
        try
        {
            if (await messages.FindAsync(messageId, cancellationToken).ConfigureAwait(false) is not { } id
                || await repository.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } earlier)
            {
                return null;
            }

            LogDuplicateMessage(logger, id);
            return new IntakeOutcome(earlier, Created: false);
        }
        catch (Azure.RequestFailedException)
        {
            // The body is refused either way; a retry of a stored message is answered once storage is back.
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} was made by an earlier copy of this webhook message; answered as that duplicate")]
    private static partial void LogDuplicateMessage(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Intake could not store a request (storage answered {Status})")]
    private static partial void LogStorageDown(ILogger logger, int status);
}
