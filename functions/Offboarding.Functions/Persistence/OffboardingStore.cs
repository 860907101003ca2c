using System.Runtime.CompilerServices;
using Azure;
using Offboarding.Functions.Domain;
using Azure.Data.Tables;

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
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(id, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? new StoredOffboarding(RecordSerializer.Deserialize(entity.Value!.GetString(DocumentColumn)), entity.Value.ETag) : null;
    }

    /// <summary>Stores a new record; null when one with the same id already exists (a concurrent duplicate).</summary>
    public async Task<StoredOffboarding?> TryAddAsync(OffboardingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return new StoredOffboarding(record, response.Headers.ETag.GetValueOrDefault());
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
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
            var response = await _table.UpdateEntityAsync(ToEntity(current.Record), current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return current with { ETag = response.Headers.ETag.GetValueOrDefault() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<OffboardingRecord> ListAsync(OffboardingState? state, int max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = state is { } s
            ? TableClient.CreateQueryFilter($"RowKey eq {RowKey} and State eq {s.ToWireName()}")
            : TableClient.CreateQueryFilter($"RowKey eq {RowKey}");
        var count = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return RecordSerializer.Deserialize(entity.GetString(DocumentColumn));
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
