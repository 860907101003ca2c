using Azure.Messaging;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Events;

/// <summary>
/// Publishes an offboarding's events again, for subscribers that lost them: the same CloudEvents (ids, times, data)
/// rebuilt from the record, so a subscriber that already handled one drops it by id. Each replay is written into the
/// record's audit trail before anything is sent.
/// </summary>
public sealed partial class EventReplay(OffboardingRepository repository, OffboardingEventFactory factory, OffboardingEventPublisher publisher, TimeProvider time, ILogger<EventReplay> logger)
{
    private const int MaxConflicts = 5;

    // The table's Timestamp is the storage service's clock, the events' time the app's: the range query allows for skew.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The events the current attempt has published, as they were published; those of earlier attempts are gone with them.</summary>
    public IEnumerable<CloudEvent> PublishedEventsOf(OffboardingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.PublishedEvents.Select(outcome => factory.Create(record, outcome));
    }

    /// <summary>Replays one offboarding's published events; null when there is no such offboarding.</summary>
    public async Task<ReplayResult?> ReplayAsync(string id, string by, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            if (await repository.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return null;
            }

            if (await TryReplayAsync(stored, _ => true, by, reason, cancellationToken).ConfigureAwait(false) is { } sent)
            {
                return new ReplayResult(sent, stored.Record.PendingEvents.Count > 0);
            }
        }

        throw new InvalidOperationException($"Offboarding {id} kept changing while its events were replayed; try again.");
    }

    /// <summary>
    /// Replays one page of the events whose <c>time</c> is in [<paramref name="from"/>, <paramref name="to"/>), of
    /// <paramref name="type"/> if given; the page's cursor continues with the next offboardings.
    /// </summary>
    public async Task<(IReadOnlyList<string> Sent, ListCursor? Next)> ReplayRangeAsync(
        EventRange range, string by, string reason, ListCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var query = new OffboardingQuery { To = range.To, ChangedSince = range.From - ClockSkew, PageSize = range.PageSize, After = after };
        var (records, next) = await repository.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var sent = new List<string>();
        foreach (var record in records)
        {
            var stored = await repository.GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
            for (var attempt = 0; stored is not null && attempt < MaxConflicts; attempt++)
            {
                if (await TryReplayAsync(stored, range.Contains, by, reason, cancellationToken).ConfigureAwait(false) is { } replayed)
                {
                    sent.AddRange(replayed);
                    break;
                }

                stored = await repository.GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        return (sent, next);
    }

    /// <summary>The ids sent, or null when the audit write lost to another writer (read again and retry).</summary>
    private async Task<IReadOnlyList<string>?> TryReplayAsync(StoredOffboarding stored, Func<CloudEvent, bool> include, string by, string reason, CancellationToken cancellationToken)
    {
        // Built before the audit entry is added: the events are what was published, whatever the replay writes.
        var events = PublishedEventsOf(stored.Record).Where(include).ToList();
        if (events.Count == 0)
        {
            return [];
        }

        // The record's UpdatedAt stays: it is the time of its last step, and some events' time falls back to it.
        stored.Record.Audit.Add(new AuditEntry(time.GetUtcNow(), "events", "replayed", $"{string.Join(", ", events.Select(e => e.Id))} sent again by {by}: {reason}"));
        if (await repository.TrySaveAsync(stored, DueAt.Keep, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        foreach (var cloudEvent in events)
        {
            await publisher.PublishAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
        }

        LogReplayed(logger, stored.Record.Id, events.Count, by);
        return [.. events.Select(e => e.Id)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} events of offboarding {OffboardingId} for {Operator}")]
    private static partial void LogReplayed(ILogger logger, string offboardingId, int count, string @operator);
}

/// <summary>What a replay of one offboarding sent; <paramref name="EventsPending"/> when some of its events are still on
/// their first way out (the outbox sends those itself).</summary>
public sealed record ReplayResult(IReadOnlyList<string> Sent, bool EventsPending);

/// <summary>Events whose <c>time</c> is in [<paramref name="From"/>, <paramref name="To"/>), of <paramref name="Type"/> when given.</summary>
public sealed record EventRange(DateTimeOffset From, DateTimeOffset To, string? Type, int PageSize)
{
    public bool Contains(CloudEvent cloudEvent) =>
        cloudEvent is { Time: { } at } && at >= From && at < To && (Type is null || cloudEvent.Type == Type);
}
