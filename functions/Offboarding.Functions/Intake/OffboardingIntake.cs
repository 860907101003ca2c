using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
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
    private readonly PollOptions _poll;
    private readonly TimeProvider _time;
    private readonly ILogger<OffboardingIntake> _logger;

    public OffboardingIntake(OffboardingRepository repository, RequestDispatcher queue, IOptions<PollOptions> poll, TimeProvider time, ILogger<OffboardingIntake> logger)
    {
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _queue = queue ?? throw new ArgumentNullException(nameof(queue));
        _poll = (poll ?? throw new ArgumentNullException(nameof(poll))).Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The HTTP answer to a read request: its problems, or the accepted (or existing) offboarding; 503 when storage is down.</summary>
    public async Task<HttpFunctionResponse> AnswerAsync(RequestReadResult read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Request is null)
        {
            return IntakeResponses.Invalid(read);
        }

        try
        {
            return IntakeResponses.Accepted(await AcceptAsync(read.Request, cancellationToken).ConfigureAwait(false));
        }
        catch (Azure.RequestFailedException ex)
        {
            LogStorageDown(_logger, ex.Status);
            return IntakeResponses.Unavailable();
        }
    }

    public async Task<IntakeOutcome> AcceptAsync(OffboardingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var id = OffboardingId.From(request.Source, request.SourceEventId);
        var now = _time.GetUtcNow();
        var notBefore = request.EffectiveAt is { } at && at > now ? at : now;
        var record = new OffboardingRecord
        {
            Id = id,
            Request = request,
            CreatedAt = now,
            UpdatedAt = now,
            EffectiveAt = notBefore,
        };
        record.Record(now, "accepted", "ok", notBefore > now ? $"deferred until {notBefore:O}" : null);

        // Due for the sweep: if no transfer invocation has picked it up by then, it is queued again. Insert first
        // and read only on conflict: a duplicate costs more calls, the common first request one fewer.
        var stored = await _repository.TryCreateAsync(record, notBefore + _poll.SweepAfter, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            var winner = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Offboarding {id} conflicted on insert but cannot be read.");
            LogDuplicate(_logger, id);
            return new IntakeOutcome(winner, Created: false);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} already exists; duplicate event answered with it")]
    private static partial void LogDuplicate(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Intake could not store a request (storage answered {Status})")]
    private static partial void LogStorageDown(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId} stored but not queued ({Error}); the poll sweep will queue it")]
    private static partial void LogQueueFailed(ILogger logger, string offboardingId, string error);
}
