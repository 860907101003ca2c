using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Builds the leaver index once per storage account for offboardings stored before it (or in its first layout, a row per
/// offboarding, which it then removes): every unfinished record is indexed, and a marker row says it was done, so later
/// starts cost one point read. In the background, retried, since a start must not wait for a table scan.
/// </summary>
public sealed partial class LeaverIndexBackfill(PipelineStorage storage, OffboardingStore store, LeaverIndex leavers, ILogger<LeaverIndexBackfill> logger) : BackgroundService
{
    /// <summary>The marker's partition: outside the index's prefix and the records' row key, so no listing meets it.</summary>
    public const string MarkerPartition = "index-leavers";

    public const string MarkerRow = "built-v2";

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly TableClient _table = storage.Offboardings;

    /// <summary>Indexes what is missing, unless the marker says it was done; returns how many records it indexed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if ((await _table.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
        {
            return 0;
        }

        var indexed = 0;
        await foreach (var record in store.ListAsync(state: null, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (!record.State.IsTerminal())
            {
                await leavers.AddAsync(record, cancellationToken).ConfigureAwait(false);
                indexed++;
            }
        }

        var firstLayout = TableClient.CreateQueryFilter(
            $"PartitionKey ge {LeaverIndex.PartitionPrefix} and PartitionKey lt {LeaverIndex.PartitionPrefix[..^1] + "."} and RowKey ne {LeaverIndex.IdsRow}");
        await foreach (var row in _table.QueryAsync<TableEntity>(firstLayout, 1000, ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        await _table.UpsertEntityAsync(new TableEntity(MarkerPartition, MarkerRow) { ["Indexed"] = indexed }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        LogBuilt(logger, indexed);
        return indexed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex)
            {
                // Storage not there yet (or gone a moment): the provisioner's own retries bring it; try again later.
                LogRetrying(logger, ex.Status, delay);
            }

            await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaver index built for {Indexed} unfinished offboarding(s) stored before it")]
    private static partial void LogBuilt(ILogger logger, int indexed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leaver index backfill: storage answered {Status}; trying again in {Delay}")]
    private static partial void LogRetrying(ILogger logger, int status, TimeSpan delay);
}
