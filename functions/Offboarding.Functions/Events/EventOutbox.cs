using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Events;

/// <summary>
/// Publishes the outcomes a record has decided (its <c>PendingEvents</c>) and then marks them published.
/// Each event is queued hidden first (<see cref="OffboardingEventPublisher"/>); the decision, the pending mark, a
/// claim on publishing them and the hidden copies' receipts are then written together; the copies are revealed and
/// the record marked. A crash before the decision write leaves only hidden copies (hidden for all but the last second
/// of their 7 days); a crash after it leaves the events pending and the poll cycle reveals them once the claim lapses
/// (nothing lost, and a reveal repeated with the recorded receipt adds no second visible copy). While a claim is live no other writer sends the
/// same events (no duplicates from racing publishers).
/// </summary>
public sealed partial class EventOutbox
{
    /// <summary>How long a claim on a record's pending events is honoured; a publisher that died holding one is replaced after it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>When a record with pending events is next due for the poll cycle's recovery: just after a dead publisher's claim lapses.</summary>
    public static readonly TimeSpan RetryAfter = ClaimLease + TimeSpan.FromSeconds(30);

    private const int MaxConflicts = 5;

    private readonly OffboardingEventPublisher _publisher;
    private readonly OffboardingRepository _repository;
    private readonly TimeProvider _time;
    private readonly ILogger<EventOutbox> _logger;

    public EventOutbox(OffboardingEventPublisher publisher, OffboardingRepository repository, TimeProvider time, ILogger<EventOutbox> logger)
    {
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Puts a claim on <paramref name="record"/>'s pending events into the write the caller is about to make.
    /// Null when there is nothing to publish or another writer's claim is still live (that writer publishes them).
    /// </summary>
    public EventClaim? Claim(OffboardingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = _time.GetUtcNow();
        if (record.PendingEvents.Count == 0 || (record.EventClaim is { } held && now - held.At < ClaimLease))
        {
            return null;
        }

        record.EventClaim = new EventClaim(Guid.NewGuid().ToString("N"), now);
        return record.EventClaim;
    }

    /// <summary>
    /// The usual way to write a decision: queues its pending events hidden, saves <paramref name="stored"/> (ETag-guarded)
    /// holding a claim on them and their receipts, then reveals them. Null when somebody else wrote the record first
    /// (nothing saved; the hidden copies the stored record does not hold are deleted).
    /// </summary>
    public async Task<StoredOffboarding?> SaveAndPublishAsync(StoredOffboarding stored, DueAt due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var record = stored.Record;
        var claim = Claim(record);
        var (staged, queueFailed) = claim is null ? ([], false) : await StageAheadAsync(record, cancellationToken).ConfigureAwait(false);

        // Should this throw, the write may have landed or not: the copies stay hidden, and if it landed the recovery reveals them.
        var saved = await _repository.TrySaveAsync(stored, due, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            foreach (var entry in staged)
            {
                record.StagedEvents.Remove(entry);
            }

            await DiscardUnrecordedAsync(record.Id, staged, cancellationToken).ConfigureAwait(false);
            return null;
        }

        // With the events queue failing, the decision is written all the same; its events stay pending under the claim,
        // and the poll cycle's recovery sends them once the claim lapses.
        return queueFailed ? saved : await PublishAsync(saved, claim, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues the record's unstaged pending events hidden and adds their receipts to it, so the decision write records them
    /// (one record write fewer per event than staging after it). A failing queue stops it: the decision must not wait on it.
    /// </summary>
    private async Task<(List<StagedEvent> Staged, bool QueueFailed)> StageAheadAsync(OffboardingRecord record, CancellationToken cancellationToken)
    {
        var staged = new List<StagedEvent>();
        try
        {
            foreach (var outcome in Unstaged(record))
            {
                var entry = await _publisher.StageAsync(record, outcome, cancellationToken).ConfigureAwait(false);
                staged.Add(entry);
                record.StagedEvents.Add(entry);
            }

            return (staged, false);
        }
        catch (Azure.RequestFailedException ex)
        {
            LogQueueFailed(_logger, record.Id, ex.Status);
            return (staged, true);
        }
    }

    /// <summary>
    /// After a lost decision write, deletes the hidden copies staged for it, unless the stored record holds them: a write
    /// whose answer was lost can land and still be reported lost (the SDK's retry meets its own new ETag), and then its
    /// copies are the ones the recovery reveals.
    /// </summary>
    private async Task DiscardUnrecordedAsync(string id, List<StagedEvent> staged, CancellationToken cancellationToken)
    {
        if (staged.Count == 0)
        {
            return;
        }

        var current = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        foreach (var entry in staged.Where(e => current?.Record.StagedEvents.Any(s => s.MessageId == e.MessageId) != true))
        {
            await _publisher.DiscardAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes the pending events of a record that was saved holding <paramref name="claim"/> (from <see cref="Claim"/>)
    /// and marks them published; returns the record as stored afterwards. Does nothing without a claim.
    /// </summary>
    public async Task<StoredOffboarding> PublishAsync(StoredOffboarding saved, EventClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (claim is null || saved.Record.EventClaim != claim)
        {
            return saved;
        }

        // 1. Queue hidden copies of what has none yet, and record their receipts before any is revealed.
        var current = saved;
        var unstaged = Unstaged(current.Record);
        if (unstaged.Count > 0)
        {
            var staged = new List<StagedEvent>();
            foreach (var outcome in unstaged)
            {
                if (Lapsed(claim, current.Record.Id))
                {
                    return current;
                }

                staged.Add(await _publisher.StageAsync(current.Record, outcome, cancellationToken).ConfigureAwait(false));
            }

            var recorded = await UpdateAsync(current, claim, record =>
            {
                foreach (var entry in staged.Where(e => record.PendingEvents.Contains(e.Outcome) && !record.StagedEvents.Any(s => s.Outcome == e.Outcome)))
                {
                    record.StagedEvents.Add(entry);
                }
            }, _ => DueAt.Keep, cancellationToken).ConfigureAwait(false);
            if (recorded is null)
            {
                // Our claim is gone (or the record kept changing): the copies stay hidden and expire unseen.
                return current;
            }

            current = recorded;
        }

        // 2. Reveal; a reveal repeated after a crash adds no second copy.
        var revealed = new List<OffboardingOutcome>();
        foreach (var entry in current.Record.StagedEvents.Where(e => current.Record.PendingEvents.Contains(e.Outcome)).ToList())
        {
            if (Lapsed(claim, current.Record.Id))
            {
                break;
            }

            await _publisher.RevealAsync(current.Record, entry, cancellationToken).ConfigureAwait(false);
            revealed.Add(entry.Outcome);
        }

        return await MarkPublishedAsync(current, claim, revealed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes pending events that nobody is publishing: their writer died before it could, or could not claim them
    /// because another claim was live. Takes the claim in a write of its own first.
    /// </summary>
    public async Task<StoredOffboarding> RecoverAsync(StoredOffboarding stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var claim = Claim(stored.Record);
        if (claim is null)
        {
            return stored;
        }

        var saved = await _repository.TrySaveAsync(stored, DueAt.Keep, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            // Somebody else changed the record since it was read; whoever did owns its events now.
            return await _repository.GetAsync(stored.Record.Id, cancellationToken).ConfigureAwait(false) ?? stored;
        }

        return await PublishAsync(saved, claim, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredOffboarding> MarkPublishedAsync(StoredOffboarding current, EventClaim claim, List<OffboardingOutcome> revealed, CancellationToken cancellationToken)
    {
        var marked = await UpdateAsync(current, null, record =>
        {
            foreach (var outcome in revealed.Where(record.PendingEvents.Contains))
            {
                record.PendingEvents.Remove(outcome);
                record.PublishedEvents.Add(outcome);
            }

            foreach (var entry in record.StagedEvents.Where(e => revealed.Contains(e.Outcome)).ToList())
            {
                record.StagedEvents.Remove(entry);
            }

            if (record.EventClaim?.Token == claim.Token)
            {
                record.EventClaim = null;
            }
        }, record => record.State.IsTerminal() && record.PendingEvents.Count == 0 ? DueAt.Nothing : DueAt.Keep, cancellationToken).ConfigureAwait(false);

        if (marked is null)
        {
            // Revealed but not recorded: the poll cycle's recovery reveals them again, which adds no copy.
            LogConflicts(_logger, current.Record.Id);
            return current;
        }

        // Outcomes decided meanwhile by a writer that found our claim live are ours to send too.
        return marked.Record.PendingEvents.Count > 0 && revealed.Count > 0
            ? await RecoverAsync(marked, cancellationToken).ConfigureAwait(false)
            : marked;
    }

    // Applies a change and saves it, reloading on ETag conflicts; with a claim, only while the record still holds it.
    private async Task<StoredOffboarding?> UpdateAsync(StoredOffboarding current, EventClaim? holding, Action<OffboardingRecord> change,
        Func<OffboardingRecord, DueAt> due, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var record = current.Record;
            if (holding is not null && record.EventClaim?.Token != holding.Token)
            {
                return null;
            }

            change(record);
            var saved = await _repository.TrySaveAsync(current, due(record), cancellationToken).ConfigureAwait(false);
            if (saved is not null)
            {
                return saved;
            }

            var reloaded = await _repository.GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
            if (reloaded is null)
            {
                return null;
            }

            current = reloaded;
        }

        return null;
    }

    // Decided outcomes with no hidden copy queued yet.
    private static List<OffboardingOutcome> Unstaged(OffboardingRecord record) =>
        [.. record.PendingEvents.Where(o => !record.StagedEvents.Any(s => s.Outcome == o))];

    private bool Lapsed(EventClaim claim, string offboardingId)
    {
        if (_time.GetUtcNow() - claim.At < ClaimLease)
        {
            return false;
        }

        // Too slow (storage was down, say): a recovering writer may be publishing these now.
        LogClaimLapsed(_logger, offboardingId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: its events could not be queued (status {Status}); the decision is written and the poll cycle sends them once the claim lapses")]
    private static partial void LogQueueFailed(ILogger logger, string offboardingId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: events published but marking them kept conflicting; the poll cycle will retry")]
    private static partial void LogConflicts(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: the claim on its events lapsed before they were all sent; the poll cycle sends the rest")]
    private static partial void LogClaimLapsed(ILogger logger, string offboardingId);
}
