using Azure;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Keeps records and due rows consistent without a transaction: new row first, old row last, so a crash leaves at worst
/// a stale row, never a record nobody will look at. See docs/adr/001-event-outbox-order.md.
/// </summary>
public sealed class OffboardingRepository(OffboardingStore store, DueIndex due, LeaverIndex leavers, OwnDueEntries own, OffboardingMetrics metrics)
{
    private readonly OffboardingStore _store = store;
    private readonly DueIndex _due = due;

    public Task<StoredOffboarding?> GetAsync(string id, CancellationToken cancellationToken) => _store.GetAsync(id, cancellationToken);

    public IAsyncEnumerable<OffboardingRecord> ListAsync(OffboardingState? state, int max, CancellationToken cancellationToken) =>
        _store.ListAsync(state, max, cancellationToken);

    public Task<(IReadOnlyList<OffboardingRecord> Items, ListCursor? Next)> QueryAsync(OffboardingQuery query, CancellationToken cancellationToken) =>
        _store.QueryAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<OffboardingState, int>> CountByStateAsync(CancellationToken cancellationToken) =>
        _store.CountByStateAsync(cancellationToken);

    public IAsyncEnumerable<StoredOffboarding> BySourceEventPrefixAsync(string source, string eventIdPrefix, CancellationToken cancellationToken) =>
        _store.BySourceEventPrefixAsync(source, eventIdPrefix, cancellationToken);

    public IAsyncEnumerable<DueEntry> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        _due.DueAsync(now, max, cancellationToken);

    /// <summary>Renews a Submitting claim without rewriting its record (see <see cref="OffboardingStore.TryRenewClaimAsync"/>).</summary>
    public Task<ETag?> TryRenewClaimAsync(string id, ETag etag, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.TryRenewClaimAsync(id, etag, at, cancellationToken);

    public Task RemoveStaleDueAsync(DueEntry entry, CancellationToken cancellationToken) =>
        _due.RemoveAsync((entry ?? throw new ArgumentNullException(nameof(entry))).Key, cancellationToken);

    /// <summary>Stores a new record due at <paramref name="dueAt"/> (never, when null); null when the id already exists.</summary>
    public async Task<StoredOffboarding?> TryCreateAsync(OffboardingRecord record, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = dueAt is { } at ? DueIndex.KeyFor(at, record.Id) : null;
        if (key is not null)
        {
            await _due.AddAsync(key, record.Id, cancellationToken).ConfigureAwait(false);
        }

        // Indexed before it exists, like the due row: a record nobody's transfer can see as leaving would let their reports'
        // records go to them. An entry whose record never came is read as nothing pending.
        await leavers.AddAsync(record, cancellationToken).ConfigureAwait(false);

        // On a conflict the new row stays: the conflict may be this very write landing with its answer lost (the SDK's
        // retry meets it), and then the stored record points at that row. If it does not, the row is stale and the poll
        // deletes it when met.
        record.DueKey = key;
        var created = await _store.TryAddAsync(record, cancellationToken).ConfigureAwait(false);
        if (created is not null)
        {
            // Counted where it is stored, whichever of the intake and the transfer step stores it: once per offboarding.
            metrics.Accepted();
        }

        return created;
    }

    /// <summary>
    /// Writes the (already changed) record if nobody else wrote it since it was read; null on conflict,
    /// and the caller must reload before trying again.
    /// </summary>
    public async Task<StoredOffboarding?> TrySaveAsync(StoredOffboarding current, DueAt due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var record = current.Record;
        var oldKey = record.DueKey;
        var newKey = due.Kind switch
        {
            DueAtKind.Keep => oldKey,
            DueAtKind.Nothing => null,
            _ => DueIndex.KeyFor(due.Time, record.Id),
        };

        if (newKey is not null && newKey != oldKey)
        {
            await _due.AddAsync(newKey, record.Id, cancellationToken).ConfigureAwait(false);
        }

        record.DueKey = newKey;
        var saved = await _store.TryReplaceAsync(current, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            // The new row stays (see TryCreateAsync): a write reported lost may have landed pointing at it.
            record.DueKey = oldKey;
            return null;
        }

        own.Track(record);
        if (oldKey is not null && oldKey != newKey)
        {
            await _due.RemoveAsync(oldKey, cancellationToken).ConfigureAwait(false);
        }

        return saved;
    }
}
