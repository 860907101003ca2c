using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary>The <c>offboardingbatches</c> table: one row per batch, one per person (partition per batch, row key the line),
/// and an index of who is in a live batch by email, so a webhook for them finds their offboarding. Waiting people are rows.</summary>
public sealed class BatchStore(PipelineStorage storage)
{
    private const string BatchPartition = "batch";
    private const string WhoPartition = "who";
    private const string DocumentColumn = "Document";
    private const string StatusColumn = "Status";
    private const string DueColumn = "DueAt";
    private const string StateColumn = "State";

    /// <summary>Written on every batch row since the dispatcher's listing is filtered by it; rows written before lack it.</summary>
    private const string AnnouncedColumn = "FinishAnnounced";
    private const int TransactionSize = 100;
    private const int ParallelTransactions = 8;

    private static readonly JsonSerializerOptions Json = HttpAnswer.JsonOptions;

    private readonly TableClient _table = storage.Batches;

    /// <summary>Whether cancelled rows written before <see cref="AnnouncedColumn"/> existed were rewritten with it.</summary>
    private volatile bool _olderRowsRewritten;

    public static string MemberPartition(string batchId) => "m-" + batchId;

    public static string MemberKey(int line) => line.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Stores a new batch with its people and its index entries; the batch row goes last, so a batch that is listed is whole.</summary>
    public async Task<StoredBatch> CreateAsync(BatchRecord batch, IReadOnlyList<BatchMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(members);
        var due = batch.StartAt ?? batch.CreatedAt;
        var rows = members.Select(m => ToEntity(batch.Id, m, due));
        var index = members.Where(m => m.Plan == MemberPlan.Ready && m.WorkEmail is not null)
            .Select(m => new TableEntity(WhoPartition, EmailKey(m.WorkEmail!)) { ["BatchId"] = batch.Id, ["Line"] = m.Line, ["OffboardingId"] = m.OffboardingId });

        // Each transaction writes rows no other touches: sent several at a time, not one after another (10,000 people: 200).
        await Parallel.ForEachAsync(rows.Chunk(TransactionSize).Concat(index.Chunk(TransactionSize)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelTransactions, CancellationToken = cancellationToken },
            async (chunk, ct) => await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct).ConfigureAwait(false))
            .ConfigureAwait(false);

        var response = await _table.AddEntityAsync(ToEntity(batch), cancellationToken).ConfigureAwait(false);
        return new StoredBatch(batch, response.Headers.ETag.GetValueOrDefault());
    }

    public async Task<StoredBatch?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(BatchPartition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? new StoredBatch(Read<BatchRecord>(entity.Value!), entity.Value!.ETag) : null;
    }

    /// <summary>Replaces the batch if nobody wrote it since it was read; null when someone did.</summary>
    public async Task<StoredBatch?> TryReplaceAsync(StoredBatch current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(current.Batch), current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return current with { ETag = response.Headers.ETag.GetValueOrDefault() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<BatchRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BatchPartition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return Read<BatchRecord>(entity);
        }
    }

    /// <summary>The batches the dispatcher has work with: running, paused, or cancelled and not yet announced. Filtered by the
    /// table, so batches that ended cost nothing however many there are.</summary>
    public async Task<IReadOnlyList<BatchRecord>> ListForDispatchAsync(CancellationToken cancellationToken)
    {
        if (!_olderRowsRewritten)
        {
            _olderRowsRewritten = await RewriteOlderCancelledRowsAsync(cancellationToken).ConfigureAwait(false);
        }

        var (running, paused, cancelled) = (BatchState.Running.ToString(), BatchState.Paused.ToString(), BatchState.Cancelled.ToString());
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {BatchPartition} and (State eq {running} or State eq {paused} or (State eq {cancelled} and FinishAnnounced eq {false}))");
        var batches = new List<BatchRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batches.Add(Read<BatchRecord>(entity));
        }

        return batches;
    }

    /// <summary>A table filter never matches a row without the column it compares (Azure's rule), so a cancelled row written
    /// before <see cref="AnnouncedColumn"/> existed is rewritten with it once; true when none is left.</summary>
    private async Task<bool> RewriteOlderCancelledRowsAsync(CancellationToken cancellationToken)
    {
        var cancelled = BatchState.Cancelled.ToString();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BatchPartition} and State eq {cancelled}");
        var older = new List<string>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 1000, ["RowKey", AnnouncedColumn], cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetBoolean(AnnouncedColumn) is null)
            {
                older.Add(entity.RowKey);
            }
        }

        var rewritten = 0;
        foreach (var id in older)
        {
            rewritten += await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } stored && await TryReplaceAsync(stored, cancellationToken).ConfigureAwait(false) is not null ? 1 : 0;
        }

        return rewritten == older.Count;
    }

    /// <summary>Every person of the batch, in line order.</summary>
    public async Task<IReadOnlyList<BatchMember>> MembersAsync(string batchId, CancellationToken cancellationToken)
    {
        var members = new List<BatchMember>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MemberPartition(batchId)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            members.Add(Read<BatchMember>(entity));
        }

        return members;
    }

    /// <summary>Every person's status, without their documents: the progress of a batch of 10,000 without reading 10,000
    /// documents (each person's offboarding id is fixed by the batch and the line).</summary>
    public async Task<IReadOnlyList<MemberProgress>> MemberProgressAsync(string batchId, CancellationToken cancellationToken)
    {
        var members = new List<MemberProgress>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MemberPartition(batchId)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 1000, ["RowKey", StatusColumn], cancellationToken).ConfigureAwait(false))
        {
            var line = int.Parse(entity.RowKey, NumberStyles.None, CultureInfo.InvariantCulture);
            members.Add(new MemberProgress(Enum.Parse<MemberStatus>(entity.GetString(StatusColumn)),
                OffboardingId.From(BatchUploadReader.Source, BatchUploadReader.MemberEventId(batchId, line))));
        }

        return members;
    }

    /// <summary>The next people due to start, in line order, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<BatchMember>> NextWaitingAsync(string batchId, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var members = new List<BatchMember>();
        var waiting = MemberStatus.Waiting.ToString();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MemberPartition(batchId)} and Status eq {waiting} and DueAt le {now}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            members.Add(Read<BatchMember>(entity));
            if (members.Count >= max)
            {
                break;
            }
        }

        return members;
    }

    /// <summary>Writes members whose status changed (started, cancelled), in transactions of the batch's partition.</summary>
    public async Task SaveMembersAsync(BatchRecord batch, IReadOnlyList<BatchMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var due = batch.StartAt ?? batch.CreatedAt;
        foreach (var chunk in members.Chunk(TransactionSize))
        {
            await _table.SubmitTransactionAsync(chunk.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(batch.Id, m, due))), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The live batch entry for this email, if any: (batch id, offboarding id).</summary>
    public async Task<(string BatchId, string OffboardingId)?> FindMemberAsync(string email, CancellationToken cancellationToken) =>
        await WhoAsync(email, cancellationToken).ConfigureAwait(false) is { } who ? (who.BatchId, who.OffboardingId) : null;

    /// <summary>The person of a batch with this email, as their row says now (their status included), or null: two point reads.</summary>
    public async Task<(string BatchId, BatchMember Member)?> FindMemberRowAsync(string email, CancellationToken cancellationToken)
    {
        if (await WhoAsync(email, cancellationToken).ConfigureAwait(false) is not { } who)
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(MemberPartition(who.BatchId), MemberKey(who.Line), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? (who.BatchId, Read<BatchMember>(row.Value!)) : null;
    }

    // The batch index's entry for an email: one point read.
    private async Task<(string BatchId, string OffboardingId, int Line)?> WhoAsync(string email, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(WhoPartition, EmailKey(email), ["BatchId", "OffboardingId", "Line"], cancellationToken).ConfigureAwait(false);
        return entity.HasValue && entity.Value!.GetString("BatchId") is { } batchId && entity.Value.GetString("OffboardingId") is { } offboardingId
            && entity.Value.GetInt32("Line") is { } line
                ? (batchId, offboardingId, line)
                : null;
    }

    /// <summary>Every email hash in a live batch, to flag a person already in another one (one partition read).</summary>
    public async Task<IReadOnlyDictionary<string, string>> IndexedAsync(CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WhoPartition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 1000, ["RowKey", "BatchId"], cancellationToken).ConfigureAwait(false))
        {
            keys[entity.RowKey] = entity.GetString("BatchId") ?? string.Empty;
        }

        return keys;
    }

    /// <summary>Drops the index entries of a batch that ended, so a later webhook for them is a new offboarding again.</summary>
    public async Task RemoveFromIndexAsync(string batchId, IEnumerable<BatchMember> members, CancellationToken cancellationToken)
    {
        var keys = members.Where(m => m.WorkEmail is not null).Select(m => EmailKey(m.WorkEmail!)).Distinct(StringComparer.Ordinal).ToList();
        var current = await IndexedAsync(cancellationToken).ConfigureAwait(false);
        var ours = keys.Where(k => current.TryGetValue(k, out var owner) && owner == batchId).ToList();
        foreach (var chunk in ours.Chunk(TransactionSize))
        {
            await _table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(WhoPartition, k), ETag.All)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The index key of an email: a hash, since an address may hold characters a row key may not (and stays unread at rest).</summary>
    public static string EmailKey(string email) =>
        "e-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    private static TableEntity ToEntity(BatchRecord batch) => new(BatchPartition, batch.Id)
    {
        [StateColumn] = batch.State.ToString(),
        [AnnouncedColumn] = batch.FinishAnnounced,
        ["CreatedAt"] = batch.CreatedAt,
        [DocumentColumn] = JsonSerializer.Serialize(batch, Json),
    };

    private static TableEntity ToEntity(string batchId, BatchMember member, DateTimeOffset batchStart) => new(MemberPartition(batchId), MemberKey(member.Line))
    {
        [StatusColumn] = member.Status.ToString(),
        [DueColumn] = member.EffectiveAt is { } at && at > batchStart ? at : batchStart,
        [DocumentColumn] = JsonSerializer.Serialize(member, Json),
    };

    private static T Read<T>(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(entity.GetString(DocumentColumn), Json) ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} holds no document.");
}

/// <summary>A batch with the ETag that guards its next write.</summary>
public sealed record StoredBatch(BatchRecord Batch, ETag ETag);
