using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Control;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Persistence;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Intake;

/// <summary>
/// Turns a valid request into a stored offboarding and a queue message, once per (source, event id).
/// Store first, then queue: if the process dies in between, the record sits in the due index and the
/// poll sweep queues it; if the queue call fails, the answer is still 202 for the same reason.
/// </summary>
public sealed partial class OffboardingIntake
{
    private readonly OffboardingRepository _repository;
    private readonly RequestDispatcher _queue;
    private readonly WebhookMessageIndex _messages;
    private readonly BlastRadiusHold _hold;
    private readonly PollOptions _poll;
    private readonly TimeProvider _time;
    private readonly ILogger<OffboardingIntake> _logger;

    public OffboardingIntake(OffboardingRepository repository, RequestDispatcher queue, WebhookMessageIndex messages, BlastRadiusHold hold,
        IOptions<PollOptions> poll, TimeProvider time, ILogger<OffboardingIntake> logger)
    {
        _hold = hold ?? throw new ArgumentNullException(nameof(hold));
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _queue = queue ?? throw new ArgumentNullException(nameof(queue));
        _messages = messages ?? throw new ArgumentNullException(nameof(messages));
        _poll = (poll ?? throw new ArgumentNullException(nameof(poll))).Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// The HTTP answer to a read request: its problems, or the accepted (or existing) offboarding; 503 when storage is
    /// down. <paramref name="messageId"/> is the verified <c>webhook-id</c> (null where the sender has none): a message
    /// seen before is answered as the duplicate it is, even if this copy's body differs or does not read.
    /// </summary>
    public async Task<HttpFunctionResponse> AnswerAsync(RequestReadResult read, string? messageId, CancellationToken cancellationToken)
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

            return IntakeResponses.Accepted(await AcceptAsync(read.Request, messageId, cancellationToken).ConfigureAwait(false));
        }
        catch (WebhookMessageConflictException ex)
        {
            LogMessageConflict(_logger, ex.OffboardingId ?? "?");
            return IntakeResponses.MessageStillBeingStored();
        }
        catch (Azure.RequestFailedException ex)
        {
            LogStorageDown(_logger, ex.Status);
            return IntakeResponses.Unavailable();
        }
    }

    public Task<IntakeOutcome> AcceptAsync(OffboardingRequest request, CancellationToken cancellationToken) => AcceptAsync(request, null, cancellationToken);

    /// <exception cref="WebhookMessageConflictException">The message id was first seen with another request, not stored yet.</exception>
    public async Task<IntakeOutcome> AcceptAsync(OffboardingRequest request, string? messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var id = OffboardingId.From(request.Source, request.SourceEventId);
        using var scope = _logger.BeginOffboardingScope(id);
        var now = _time.GetUtcNow();

        // The message claims its id before anything is stored, so two copies racing cannot make two offboardings.
        if (messageId is not null)
        {
            var madeBy = await _messages.ClaimAsync(messageId, id, now, cancellationToken).ConfigureAwait(false);
            if (madeBy != id)
            {
                var earlier = await _repository.GetAsync(madeBy, cancellationToken).ConfigureAwait(false)
                    ?? throw new WebhookMessageConflictException(madeBy);
                LogDuplicateMessage(_logger, madeBy);
                return new IntakeOutcome(earlier, Created: false);
            }
        }

        var notBefore = request.EffectiveAt is { } at && at > now ? at : now;
        var record = new OffboardingRecord
        {
            Id = id,
            Request = request,
            CreatedAt = now,
            UpdatedAt = now,
            EffectiveAt = notBefore,
        };

        // A dry run is never held nor counted, but says whether it would have been. A repeat of an event is counted
        // again before it is found to be a repeat: the hold errs towards tripping early, never late.
        var hold = request.DryRun ? HoldDecision.NotHeld : await _hold.AdmitAsync(id, cancellationToken).ConfigureAwait(false);
        var wouldHold = request.DryRun && await _hold.WouldHoldAsync(cancellationToken).ConfigureAwait(false);
        var detail = string.Join("; ", new[]
        {
            notBefore > now ? $"deferred until {notBefore:O}" : null,
            wouldHold ? "a real request would have been held by the blast-radius hold" : null,
        }.OfType<string>());
        record.Record(now, "accepted", "ok", detail.Length == 0 ? null : detail);
        if (hold.Held)
        {
            record.Hold(now, hold.Reason!);
        }

        // Due for the sweep: if no transfer invocation has picked it up by then, it is queued again (a held one waits
        // for an operator instead). Insert first and read only on conflict: a duplicate costs more calls, the common
        // first request one fewer.
        var stored = await _repository.TryCreateAsync(record, hold.Held ? null : notBefore + _poll.SweepAfter, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            var winner = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Offboarding {id} conflicted on insert but cannot be read.");
            LogDuplicate(_logger, id);
            return new IntakeOutcome(winner, Created: false);
        }

        if (hold.Held)
        {
            LogHeld(_logger, id);
            return new IntakeOutcome(stored, Created: true);
        }

        try
        {
            await _queue.SendAsync(id, notBefore, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or TaskCanceledException)
        {
            LogQueueFailed(_logger, id, ex.GetType().Name);
        }

        LogAccepted(_logger, id, request.Operation, notBefore);
        return new IntakeOutcome(stored, Created: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} accepted ({Operation}), due {NotBefore:O}")]
    private static partial void LogAccepted(ILogger logger, string offboardingId, OffboardingOperation operation, DateTimeOffset notBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId} accepted and held by the blast-radius hold")]
    private static partial void LogHeld(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} already exists; duplicate event answered with it")]
    private static partial void LogDuplicate(ILogger logger, string offboardingId);

    /// <summary>The offboarding an earlier copy of this message made, if any; storage trouble reads as none.</summary>
    private async Task<IntakeOutcome?> EarlierCopyAsync(string messageId, CancellationToken cancellationToken)
    {
        try
        {
            if (await _messages.FindAsync(messageId, cancellationToken).ConfigureAwait(false) is not { } id
                || await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } earlier)
            {
                return null;
            }

            LogDuplicateMessage(_logger, id);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook message id first seen for offboarding {OffboardingId}, not stored yet, came back with another request")]
    private static partial void LogMessageConflict(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Intake could not store a request (storage answered {Status})")]
    private static partial void LogStorageDown(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId} stored but not queued ({Error}); the poll sweep will queue it")]
    private static partial void LogQueueFailed(ILogger logger, string offboardingId, string error);
}
