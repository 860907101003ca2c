using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Offboarding.Functions.Diagnostics;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Zoho job slots, the limit Zoho reported, and the waiters (oldest first) in one table shared by every instance; slot
/// changes are ETag-guarded, so no slot is taken twice. See docs/adr/003-job-slot-admission.md.
/// </summary>
public sealed class JobSlots(PipelineStorage storage, OffboardingMetrics metrics)
{
    private readonly TableClient _table = storage.JobSlots;

    private const string SlotPartition = "slot";
    private const string WaitPartition = "wait";
    private const string LimitRow = "limit";
    private const string HolderColumn = "Holder";
    private const string HeldSinceColumn = "HeldSince";
    private const string LimitColumn = "Limit";
    private const string IdColumn = "OffboardingId";

    /// <summary>Slots read at once, with the limit Zoho last reported (null when it never refused us).</summary>
    public async Task<SlotsSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var slots = new List<JobSlot>();
        int? reported = null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SlotPartition}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == LimitRow)
            {
                reported = row.GetInt32(LimitColumn);
                continue;
            }

            var holder = row.GetString(HolderColumn);
            slots.Add(new JobSlot(row.RowKey, string.IsNullOrEmpty(holder) ? null : holder, row.GetDateTimeOffset(HeldSinceColumn), row.ETag));
        }

        return new SlotsSnapshot(slots, reported);
    }

    public static string SlotKey(int index) => index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Takes slot <paramref name="key"/> for <paramref name="holder"/>; false when someone changed it since <paramref name="seen"/> was read.</summary>
    public async Task<bool> TryTakeAsync(string key, JobSlot? seen, string holder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(SlotPartition, key) { [HolderColumn] = holder, [HeldSinceColumn] = now };
        try
        {
            if (seen is null)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, seen.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            metrics.SlotTaken();
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Frees <paramref name="slot"/> if it is still as read; false when it changed (taken or freed by someone else).</summary>
    public async Task<bool> TryFreeAsync(JobSlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(SlotPartition, slot.Key) { [HolderColumn] = "" }, slot.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            metrics.SlotFreed();
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Lowers the shared limit to <paramref name="limit"/> unless it is already that low or lower.</summary>
    public async Task LowerLimitAsync(int limit, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                var current = await _table.GetEntityIfExistsAsync<TableEntity>(SlotPartition, LimitRow, cancellationToken: cancellationToken).ConfigureAwait(false);
                var entity = new TableEntity(SlotPartition, LimitRow) { [LimitColumn] = limit };
                if (!current.HasValue)
                {
                    await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (current.Value!.GetInt32(LimitColumn) is int known && known <= limit)
                {
                    return;
                }

                await _table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance wrote it meanwhile: read again and compare.
            }
        }
    }

    /// <summary>Registers a waiting offboarding (idempotent) and returns how many registered waiters sort before it (counting stops at <paramref name="maxCounted"/>).</summary>
    public async Task<int> AddWaiterAsync(string key, string offboardingId, int maxCounted, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(new TableEntity(WaitPartition, key) { [IdColumn] = offboardingId }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        metrics.WaiterAdded();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WaitPartition} and RowKey lt {key}");
        var ahead = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, Math.Min(maxCounted, 1000), ["RowKey"], cancellationToken).ConfigureAwait(false))
        {
            if (++ahead >= maxCounted)
            {
                break;
            }
        }

        return ahead;
    }

    public async Task RemoveWaiterAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(WaitPartition, key, ETag.All, cancellationToken).ConfigureAwait(false);
            metrics.WaiterRemoved();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    /// <summary>The oldest registered waiters, oldest first.</summary>
    public async Task<IReadOnlyList<SlotWaiter>> OldestWaitersAsync(int max, CancellationToken cancellationToken)
    {
        var waiters = new List<SlotWaiter>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WaitPartition}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, max, ["RowKey", IdColumn], cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString(IdColumn) is { } id)
            {
                waiters.Add(new SlotWaiter(row.RowKey, id));
            }

            if (waiters.Count >= max)
            {
                break;
            }
        }

        return waiters;
    }

    /// <summary>The waiter key: effective time, then acceptance time, then id, so the oldest request sorts first.</summary>
    public static string WaiterKey(DateTimeOffset effectiveAt, DateTimeOffset createdAt, string offboardingId) =>
        string.Create(CultureInfo.InvariantCulture, $"{effectiveAt.UtcTicks:D19}-{createdAt.UtcTicks:D19}-{offboardingId}");
}

/// <summary>One slot row as read: its holder (null when free), since when, and the ETag that guards a change.</summary>
public sealed record JobSlot(string Key, string? Holder, DateTimeOffset? HeldSince, ETag ETag);

/// <summary>The slot rows and the limit Zoho last reported.</summary>
public sealed record SlotsSnapshot(IReadOnlyList<JobSlot> Slots, int? ReportedLimit);

/// <summary>A waiting offboarding's row in the wait partition.</summary>
public sealed record SlotWaiter(string Key, string OffboardingId);
