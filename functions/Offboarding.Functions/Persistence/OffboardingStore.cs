using System.Runtime.CompilerServices;
using Azure;
using Offboarding.Functions.Domain;
using Offboarding.Storage;
using Offboarding.Storage.Tables;

namespace Offboarding.Functions.Persistence;

/// <summary>
/// The <c>offboardings</c> table: one row per offboarding (partition = id), state in a column for the
/// operators' listing, everything else in one JSON document. Writes are ETag-guarded.
/// </summary>
public sealed class OffboardingStore
{
    private const string RowKey = "record";
    private const string DocumentColumn = "Document";
    private const string StateColumn = "State";

    private readonly TableClient _table;

    public OffboardingStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    public async Task<StoredOffboarding?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync(id, RowKey, ct: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new StoredOffboarding(RecordSerializer.Deserialize(entity.GetString(DocumentColumn)!), entity.ETag);
    }

    /// <summary>Stores a new record; null when one with the same id already exists (a concurrent duplicate).</summary>
    public async Task<StoredOffboarding?> TryAddAsync(OffboardingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var etag = await _table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return new StoredOffboarding(record, etag);
        }
        catch (StorageRequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces the record if nobody wrote it since <paramref name="current"/> was read; null when someone did.</summary>
    public async Task<StoredOffboarding?> TryReplaceAsync(StoredOffboarding current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        try
        {
            var etag = await _table.UpdateEntityAsync(ToEntity(current.Record), current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return current with { ETag = etag };
        }
        catch (StorageRequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<OffboardingRecord> ListAsync(OffboardingState? state, int max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = state is { } s ? TableFilter.Create($"RowKey eq {RowKey} and State eq {s.ToWireName()}") : TableFilter.Create($"RowKey eq {RowKey}");
        var count = 0;
        await foreach (var entity in _table.QueryAsync(filter, Math.Min(max, 1000), ct: cancellationToken).ConfigureAwait(false))
        {
            yield return RecordSerializer.Deserialize(entity.GetString(DocumentColumn)!);
            if (++count >= max)
            {
                yield break;
            }
        }
    }

    private static TableEntity ToEntity(OffboardingRecord record) => new(record.Id, RowKey)
    {
        [StateColumn] = record.State.ToWireName(),
        ["CreatedAt"] = record.CreatedAt,
        ["UpdatedAt"] = record.UpdatedAt,
        [DocumentColumn] = RecordSerializer.Serialize(record),
    };
}
