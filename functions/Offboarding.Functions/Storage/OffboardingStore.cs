using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>
/// The <c>offboardings</c> table: one row per offboarding (partition = id), state in a column for the
/// operators' listing, everything else in one JSON document. Writes are ETag-guarded.
/// </summary>
public sealed class OffboardingStore(PipelineStorage storage)
{
    private readonly TableClient _table = storage.Offboardings;

    private const string RowKey = "record";
    private const string DocumentColumn = "Document";
    private const string StateColumn = "State";
    private const string CreatedAtColumn = "CreatedAt";
    private const string EmailColumn = "Email";
    private const string HrisIdColumn = "HrisId";
    private const string SourceColumn = "Source";
    private const string SourceEventIdColumn = "SourceEventId";
    private const string ClaimRenewedAtColumn = "ClaimRenewedAt";

    public async Task<StoredOffboarding?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(id, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? new StoredOffboarding(FromEntity(entity.Value!), entity.Value!.ETag) : null;
    }

    /// <summary>The record's state alone (one column of its row), or null when there is no such record.</summary>
    public async Task<OffboardingState?> GetStateAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(id, RowKey, [StateColumn], cancellationToken).ConfigureAwait(false);
        return entity.HasValue && OffboardingStateExtensions.TryParseWireName(entity.Value!.GetString(StateColumn), out var state) ? state : null;
    }

    /// <summary>Renews a Submitting claim by writing only its renewal time, if nobody wrote the record since
    /// <paramref name="etag"/>; the new ETag, or null when someone did.</summary>
    public async Task<ETag?> TryRenewClaimAsync(string id, ETag etag, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(new TableEntity(id, RowKey) { [ClaimRenewedAtColumn] = at }, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag.GetValueOrDefault();
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
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

    /// <summary>
    /// Records of <paramref name="source"/> whose event id starts with <paramref name="eventIdPrefix"/> (a range on the
    /// event id column), in any state: e.g. every offboarding one Merge employee's events made.
    /// </summary>
    public async IAsyncEnumerable<StoredOffboarding> BySourceEventPrefixAsync(string source, string eventIdPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var end = eventIdPrefix + '\uffff';
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RowKey} and Source eq {source} and SourceEventId ge {eventIdPrefix} and SourceEventId lt {end}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new StoredOffboarding(FromEntity(entity), entity.ETag);
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
            yield return FromEntity(entity);
            if (++count >= max)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// One page of the operators' listing, newest first. Rows sort by id, not time, so the matches' keys and times are read
    /// and sorted here, then only the page is read in full: cost grows with the matches, fine for operators.
    /// </summary>
    public async Task<(IReadOnlyList<OffboardingRecord> Items, ListCursor? Next)> QueryAsync(OffboardingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var clauses = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {RowKey}") };
        if (query.State is { } state)
        {
            clauses.Add(TableClient.CreateQueryFilter($"State eq {state.ToWireName()}"));
        }

        if (query.Email is { } email)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Email eq {email.ToLowerInvariant()}"));
        }

        if (query.HrisId is { } hrisId)
        {
            clauses.Add(TableClient.CreateQueryFilter($"HrisId eq {hrisId.ToLowerInvariant()}"));
        }

        if (query.From is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }

        if (query.To is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt lt {to}"));
        }

        if (query.ChangedSince is { } changedSince)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Timestamp ge {changedSince}"));
        }

        var matches = new List<ListCursor>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(string.Join(" and ", clauses), 1000, ["PartitionKey", CreatedAtColumn], cancellationToken).ConfigureAwait(false))
        {
            var position = new ListCursor(entity.GetDateTimeOffset(CreatedAtColumn) ?? DateTimeOffset.MinValue, entity.PartitionKey);
            if (query.After is null || ListCursor.NewestFirst.Compare(query.After, position) < 0)
            {
                matches.Add(position);
            }
        }

        matches.Sort(ListCursor.NewestFirst);
        var page = matches.Take(query.PageSize).ToList();
        var records = await Task.WhenAll(page.Select(p => GetAsync(p.Id, cancellationToken))).ConfigureAwait(false);
        return ([.. records.Where(r => r is not null).Select(r => r!.Record)], matches.Count > page.Count ? page[^1] : null);
    }

    /// <summary>Every offboarding's leaver email and state (two columns of each record row): what a batch plan checks its
    /// people against in one read instead of one per person.</summary>
    public async IAsyncEnumerable<(string Id, string? Email, OffboardingState State)> LeaverStatesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {RowKey}"), 1000, ["PartitionKey", EmailColumn, StateColumn], cancellationToken).ConfigureAwait(false))
        {
            if (OffboardingStateExtensions.TryParseWireName(entity.GetString(StateColumn), out var state))
            {
                yield return (entity.PartitionKey, entity.GetString(EmailColumn), state);
            }
        }
    }

    /// <summary>The states of the offboardings of <paramref name="source"/> whose event id starts with <paramref name="eventIdPrefix"/>
    /// (a batch's people): ids and states only.</summary>
    public async IAsyncEnumerable<(string Id, OffboardingState State)> StatesBySourceEventPrefixAsync(string source, string eventIdPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var end = eventIdPrefix + '\uffff';
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RowKey} and Source eq {source} and SourceEventId ge {eventIdPrefix} and SourceEventId lt {end}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", StateColumn], cancellationToken).ConfigureAwait(false))
        {
            if (OffboardingStateExtensions.TryParseWireName(entity.GetString(StateColumn), out var state))
            {
                yield return (entity.PartitionKey, state);
            }
        }
    }

    /// <summary>How many offboardings are in each state (one column of every record row read).</summary>
    public async Task<IReadOnlyDictionary<OffboardingState, int>> CountByStateAsync(CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<OffboardingState>().ToDictionary(s => s, _ => 0);
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {RowKey}"), 1000, [StateColumn], cancellationToken).ConfigureAwait(false))
        {
            if (OffboardingStateExtensions.TryParseWireName(entity.GetString(StateColumn), out var state))
            {
                counts[state]++;
            }
        }

        return counts;
    }

    // Columns beside the document exist for the table's filters (whose column names are written out in each filter:
    // CreateQueryFilter quotes every interpolated value, so a name passed in would become a string): state, time, and the leaver's keys, lower-cased.
    private static TableEntity ToEntity(OffboardingRecord record) => new(record.Id, RowKey)
    {
        [StateColumn] = record.State.ToWireName(),
        [CreatedAtColumn] = record.CreatedAt,
        ["UpdatedAt"] = record.UpdatedAt,
        [EmailColumn] = record.Request.Employee?.WorkEmail?.ToLowerInvariant(),
        [HrisIdColumn] = record.Request.Employee?.HrisId?.ToLowerInvariant(),
        [SourceColumn] = record.Request.Source,
        [SourceEventIdColumn] = record.Request.SourceEventId,
        [DocumentColumn] = RecordSerializer.Serialize(record),
        [ClaimRenewedAtColumn] = record.ClaimRenewedAt,
    };

    // A claim's renewals are written to their column alone (TryRenewClaimAsync), so the column is the latest.
    private static OffboardingRecord FromEntity(TableEntity entity)
    {
        var record = RecordSerializer.Deserialize(entity.GetString(DocumentColumn));
        record.ClaimRenewedAt = entity.GetDateTimeOffset(ClaimRenewedAtColumn) ?? record.ClaimRenewedAt;
        return record;
    }
}
