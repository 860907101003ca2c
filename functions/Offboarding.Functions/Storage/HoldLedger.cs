using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Offboarding.Functions.Diagnostics;

namespace Offboarding.Functions.Storage;

/// <summary>
/// The blast-radius hold's rows (partition <c>hold</c>): acceptances keyed by time, so a window is one range query, and an
/// ETag-guarded state row, so only one instance opens or closes the hold. See docs/adr/004-blast-radius-hold.md.
/// </summary>
public sealed class HoldLedger(PipelineStorage storage, OffboardingMetrics metrics)
{
    private readonly TableClient _table = storage.Offboardings;

    private const string Partition = "hold";
    private const string StateRow = "state";
    private const string AcceptancePrefix = "a|";

    /// <summary>Counts an acceptance at <paramref name="at"/>; a repeat of the same row is no second count.</summary>
    public async Task<string> RecordAcceptanceAsync(string offboardingId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = AcceptanceKey(at, offboardingId);
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition, key), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }

        return key;
    }

    /// <summary>
    /// Acceptances from <paramref name="since"/> up to and including <paramref name="upTo"/> (a key from
    /// <see cref="RecordAcceptanceAsync"/>, or the end of time), counted up to <paramref name="enough"/>.
    /// </summary>
    public async Task<int> CountAsync(DateTimeOffset since, string? upTo, int enough, CancellationToken cancellationToken)
    {
        var from = AcceptancePrefix + since.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var to = upTo ?? AcceptancePrefix + "~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {from} and RowKey le {to}");
        var count = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, Math.Min(enough, 1000), ["RowKey"], cancellationToken).ConfigureAwait(false))
        {
            if (++count >= enough)
            {
                break;
            }
        }

        return count;
    }

    public async Task<HoldState> GetStateAsync(CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, StateRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue)
        {
            metrics.HoldSeen(open: false);
            return HoldState.Closed;
        }

        var entity = row.Value!;
        metrics.HoldSeen(entity.GetBoolean("Open") ?? false);
        return new HoldState(
            entity.GetBoolean("Open") ?? false,
            entity.GetString("HoldId"),
            entity.GetDateTimeOffset("OpenedAt"),
            entity.GetInt32("Count") ?? 0,
            entity.GetBoolean("Announced") ?? false,
            entity.GetDateTimeOffset("ArmedSince"),
            entity.ETag);
    }

    /// <summary>Writes <paramref name="next"/> over <paramref name="current"/> if nobody changed it meanwhile; false when somebody did.</summary>
    public async Task<bool> TryWriteStateAsync(HoldState current, HoldState next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        var entity = new TableEntity(Partition, StateRow)
        {
            ["Open"] = next.Open,
            ["HoldId"] = next.HoldId,
            ["OpenedAt"] = next.OpenedAt,
            ["Count"] = next.Count,
            ["Announced"] = next.Announced,
            ["ArmedSince"] = next.ArmedSince,
        };
        try
        {
            if (current.ETag == default)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            metrics.HoldSeen(next.Open);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private static string AcceptanceKey(DateTimeOffset at, string offboardingId) =>
        string.Create(CultureInfo.InvariantCulture, $"{AcceptancePrefix}{at.UtcTicks:D19}|{offboardingId}");
}
