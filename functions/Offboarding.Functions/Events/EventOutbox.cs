using Microsoft.Extensions.Logging;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Events;

/// <summary>Publishes the outcomes a record has decided, staged hidden before the decision write and revealed after it, so a
/// crash at any point loses no event and shows none twice (docs/adr/001-event-outbox-order.md).</summary>
public sealed partial class EventOutbox(OffboardingEventPublisher publisher, OffboardingRepository repository, OffboardingMetrics metrics, TimeProvider time, ILogger<EventOutbox> logger)
{
    /// <summary>How long a claim on a record's pending events is honoured; a publisher that died holding one is replaced after it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>When a record with pending events is next due for the poll cycle's recovery: just after a dead publisher's claim lapses.</summary>
    public static readonly TimeSpan RetryAfter = ClaimLease + TimeSpan.FromSeconds(30);

    private const int MaxConflicts = 5;

    /// <summary>Puts a claim on <paramref name="record"/>'s pending events into the write the caller is about to make, so no
    /// two writers send them. Null when there is nothing to publish or another writer's claim is live.</summary>
    public EventClaim? Claim(OffboardingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = time.GetUtcNow();
        if (record.PendingEvents.Count == 0 || (record.EventClaim is { } held && now - held.At < ClaimLease))
        {
            return null;
        }

        record.EventClaim = new EventClaim(Guid.NewGuid().ToString("N"), now);
        return record.EventClaim;
    }

    /// <summary>The usual way to write a decision: events staged hidden, the record saved (ETag-guarded) with their claim and
    /// receipts, then revealed. Null when somebody else wrote the record first (nothing saved).</summary>
    public async Task<StoredOffboarding?> SaveAndPublishAsync(StoredOffboarding stored, DueAt due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var record = stored.Record;
        var claim = Claim(record);
        var (staged, queueFailed) = claim is null ? ([], false) : await StageAheadAsync(record, cancellationToken).ConfigureAwait(false);

        // Should this throw, the write may have landed or not: the copies stay hidden, and if it landed the recovery reveals them.
        var saved = await repository.TrySaveAsync(stored, due, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Stages the unstaged pending events ahead of the decision write, which records their receipts (one write fewer
    /// per event). A failing queue stops it: the decision must not wait on it.</summary>
    private async Task<(List<StagedEvent> Staged, bool QueueFailed)> StageAheadAsync(OffboardingRecord record, CancellationToken cancellationToken)
    {
        var staged = new List<StagedEvent>();
        try
        {
            foreach (var outcome in Unstaged(record))
            {
                var entry = await publisher.StageAsync(record, outcome, cancellationToken).ConfigureAwait(false);
                staged.Add(entry);
                record.StagedEvents.Add(entry);
            }

            return (staged, false);
        }
        catch (Azure.RequestFailedException ex)
        {
            LogQueueFailed(logger, record.Id, ex.Status);
            return (staged, true);
        }
    }

    /// <summary>After a lost decision write, deletes its hidden copies unless the stored record holds them: a write reported
    /// lost may have landed (the SDK's retry meets its own new ETag), and then the recovery reveals them.</summary>
    private async Task DiscardUnrecordedAsync(string id, List<StagedEvent> staged, CancellationToken cancellationToken)
    {
        if (staged.Count == 0)
        {
            return;
        }

        var current = await repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        foreach (var entry in staged.Where(e => current?.Record.StagedEvents.Any(s => s.MessageId == e.MessageId) != true))
        {
            await publisher.DiscardAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes the pending events of a record saved holding <paramref name="claim"/> and marks them published;
    /// returns the record as stored afterwards. Does nothing without a claim.</summary>
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

                staged.Add(await publisher.StageAsync(current.Record, outcome, cancellationToken).ConfigureAwait(false));
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

            await publisher.RevealAsync(current.Record, entry, cancellationToken).ConfigureAwait(false);
            revealed.Add(entry.Outcome);
        }

        return await MarkPublishedAsync(current, claim, revealed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes pending events nobody is publishing (their writer died, or found another claim live), taking the
    /// claim in a write of its own first.</summary>
    public async Task<StoredOffboarding> RecoverAsync(StoredOffboarding stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var claim = Claim(stored.Record);
        if (claim is null)
        {
            return stored;
        }

        var saved = await repository.TrySaveAsync(stored, DueAt.Keep, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            // Somebody else changed the record since it was read; whoever did owns its events now.
            return await repository.GetAsync(stored.Record.Id, cancellationToken).ConfigureAwait(false) ?? stored;
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
            LogConflicts(logger, current.Record.Id);
            return current;
        }

        CountFinished(marked.Record, revealed);

        // Outcomes decided meanwhile by a writer that found our claim live are ours to send too.
        return marked.Record.PendingEvents.Count > 0 && revealed.Count > 0
            ? await RecoverAsync(marked, cancellationToken).ConfigureAwait(false)
            : marked;
    }

    // An outcome is announced once, so counting it when its event is marked published counts each offboarding's end once.
    private void CountFinished(OffboardingRecord record, List<OffboardingOutcome> revealed)
    {
        foreach (var outcome in revealed.Where(o => o is not (OffboardingOutcome.Submitted or OffboardingOutcome.Released or OffboardingOutcome.Retried)))
        {
            var started = record.Retry?.At ?? record.CreatedAt;
            metrics.Finished(outcome.ToEventName(), outcome != OffboardingOutcome.Stalled && record.FinishedAt is { } at ? at - started : null);
        }
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
            var saved = await repository.TrySaveAsync(current, due(record), cancellationToken).ConfigureAwait(false);
            if (saved is not null)
            {
                return saved;
            }

            var reloaded = await repository.GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
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
        if (time.GetUtcNow() - claim.At < ClaimLease)
        {
            return false;
        }

        // Too slow (storage was down, say): a recovering writer may be publishing these now.
        LogClaimLapsed(logger, offboardingId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: its events could not be queued (status {Status}); the decision is written and the poll cycle sends them once the claim lapses")]
    private static partial void LogQueueFailed(ILogger logger, string offboardingId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: events published but marking them kept conflicting; the poll cycle will retry")]
    private static partial void LogConflicts(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: the claim on its events lapsed before they were all sent; the poll cycle sends the rest")]
    private static partial void LogClaimLapsed(ILogger logger, string offboardingId);
}
