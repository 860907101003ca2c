using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Persistence;

namespace Offboarding.Functions.Events;

/// <summary>
/// Publishes the outcomes a record has decided (its <c>PendingEvents</c>) and then marks them published.
/// The decision and the pending mark are written together first, so a crash before publishing leaves the
/// event pending and the poll cycle sends it later: no outcome is lost, and each is marked once.
/// </summary>
public sealed partial class EventOutbox
{
    /// <summary>How long a finished record with unpublished events waits before the poll cycle retries them.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(2);

    private const int MaxConflicts = 5;

    private readonly OffboardingEventPublisher _publisher;
    private readonly OffboardingRepository _repository;
    private readonly ILogger<EventOutbox> _logger;

    public EventOutbox(OffboardingEventPublisher publisher, OffboardingRepository repository, ILogger<EventOutbox> logger)
    {
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Publishes and clears pending events; returns the record as stored afterwards.</summary>
    public async Task<StoredOffboarding> FlushAsync(StoredOffboarding stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Record.PendingEvents.Count == 0)
        {
            return stored;
        }

        var sent = new List<OffboardingOutcome>();
        foreach (var outcome in stored.Record.PendingEvents.ToList())
        {
            await _publisher.PublishAsync(stored.Record, outcome, cancellationToken).ConfigureAwait(false);
            sent.Add(outcome);
        }

        var current = stored;
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var record = current.Record;
            foreach (var outcome in sent.Where(record.PendingEvents.Contains))
            {
                record.PendingEvents.Remove(outcome);
                record.PublishedEvents.Add(outcome);
            }

            // A finished record leaves the due index once nothing is left to announce.
            var due = record.State.IsTerminal() && record.PendingEvents.Count == 0 ? DueAt.Nothing : DueAt.Keep;
            var saved = await _repository.TrySaveAsync(current, due, cancellationToken).ConfigureAwait(false);
            if (saved is not null)
            {
                return saved;
            }

            current = await _repository.GetAsync(record.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Offboarding {record.Id} disappeared while its events were published.");
        }

        LogConflicts(_logger, stored.Record.Id);
        return current;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: events published but marking them kept conflicting; the poll cycle will retry")]
    private static partial void LogConflicts(ILogger logger, string offboardingId);
}
