using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Zoho API credits as every instance sees them (table <c>zohocredits</c>): the "credits out" mark (ETag-guarded, one per
/// exhaustion episode), the app's own spend in per-minute rows per instance, and the transfers waiting for credits.
/// See docs/adr/006-zoho-api-credits.md.
/// </summary>
public sealed class CreditTable(PipelineStorage storage)
{
    private readonly TableClient _table = storage.Credits;

    private const string MarkPartition = "mark";
    private const string MarkRow = "out";
    private const string SpendPartition = "spend";
    private const string WaitPartition = "wait";

    public async Task<CreditMarkRow?> ReadMarkAsync(CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(MarkPartition, MarkRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        return new CreditMarkRow(
            entity.GetString(nameof(CreditMarkRow.EpisodeId)) ?? "",
            entity.GetDateTimeOffset(nameof(CreditMarkRow.Since)) ?? default,
            entity.GetDateTimeOffset(nameof(CreditMarkRow.NextProbeAt)) ?? default,
            TimeSpan.FromTicks(entity.GetInt64(nameof(CreditMarkRow.ProbeInterval)) ?? 0),
            entity.GetInt32(nameof(CreditMarkRow.Refusals)) ?? 0,
            entity.ETag);
    }

    /// <summary>Starts an episode; false when another instance started one first.</summary>
    public async Task<bool> TryStartMarkAsync(CreditMarkRow mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mark);
        try
        {
            await _table.AddEntityAsync(Entity(mark), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the mark as read; false when it changed or went meanwhile.</summary>
    public async Task<bool> TryUpdateMarkAsync(CreditMarkRow mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mark);
        try
        {
            await _table.UpdateEntityAsync(Entity(mark), mark.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Ends the episode as read; false when another instance ended or changed it first.</summary>
    public async Task<bool> TryClearMarkAsync(CreditMarkRow mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mark);
        try
        {
            await _table.DeleteEntityAsync(MarkPartition, MarkRow, mark.ETag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>This instance's total for one bucket (only it writes its row, so no ETag is needed).</summary>
    public Task WriteSpendAsync(long bucket, string instance, int credits, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(SpendPartition, SpendKey(bucket, instance)) { ["Credits"] = credits }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Every instance's spend from bucket <paramref name="fromBucket"/> on.</summary>
    public async Task<IReadOnlyList<CreditSpendRow>> ReadSpendAsync(long fromBucket, CancellationToken cancellationToken)
    {
        var from = SpendKey(fromBucket, "");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SpendPartition} and RowKey ge {from}");
        var rows = new List<CreditSpendRow>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var separator = row.RowKey.IndexOf('|', StringComparison.Ordinal);
            if (separator > 0 && long.TryParse(row.RowKey.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var bucket))
            {
                rows.Add(new CreditSpendRow(bucket, row.RowKey[(separator + 1)..], row.GetInt32("Credits") ?? 0));
            }
        }

        return rows;
    }

    /// <summary>Lists a transfer as waiting for credits (a repeat changes nothing).</summary>
    public async Task AddWaiterAsync(string offboardingId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(WaitPartition, offboardingId) { ["Since"] = since }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
    }

    public async Task RemoveWaiterAsync(string offboardingId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(WaitPartition, offboardingId, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>The transfers waiting for credits, with the time each began waiting.</summary>
    public async Task<IReadOnlyList<(string OffboardingId, DateTimeOffset Since)>> WaitersAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WaitPartition}");
        var waiters = new List<(string, DateTimeOffset)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            waiters.Add((row.RowKey, row.GetDateTimeOffset("Since") ?? default));
        }

        return waiters;
    }

    private static string SpendKey(long bucket, string instance) => bucket.ToString("D12", CultureInfo.InvariantCulture) + "|" + instance;

    private static TableEntity Entity(CreditMarkRow mark) => new(MarkPartition, MarkRow)
    {
        [nameof(CreditMarkRow.EpisodeId)] = mark.EpisodeId,
        [nameof(CreditMarkRow.Since)] = mark.Since,
        [nameof(CreditMarkRow.NextProbeAt)] = mark.NextProbeAt,
        [nameof(CreditMarkRow.ProbeInterval)] = mark.ProbeInterval.Ticks,
        [nameof(CreditMarkRow.Refusals)] = mark.Refusals,
    };
}

/// <summary>Zoho said the org's credits are exhausted: nothing but a probe is sent before <see cref="NextProbeAt"/>.</summary>
public sealed record CreditMarkRow(string EpisodeId, DateTimeOffset Since, DateTimeOffset NextProbeAt, TimeSpan ProbeInterval, int Refusals, ETag ETag = default);

/// <summary>Credits one instance spent within one bucket (its start in Unix seconds; a minute long but for windows under an hour).</summary>
public sealed record CreditSpendRow(long Bucket, string Instance, int Credits);
