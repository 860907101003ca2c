using Azure.Data.Tables;

namespace Offboarding.Functions.Storage;

/// <summary>When the poll timer last ran and when it runs next, on one row beside the due index: how every instance tells
/// that the timer (a singleton that needs up to half a minute to move after its holder dies) is not running.</summary>
public sealed class PollHeartbeat(PipelineStorage storage)
{
    private const string Partition = "heartbeat";
    private const string Row = "poll";

    private readonly TableClient _table = storage.Due;

    public async Task BeatAsync(DateTimeOffset ranAt, DateTimeOffset? nextRun, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, Row) { ["RanAt"] = ranAt, ["NextRun"] = nextRun };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last beat: when the timer ran and when it said it would run next; null before the first.</summary>
    public async Task<(DateTimeOffset RanAt, DateTimeOffset? NextRun)?> ReadAsync(CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, ["RanAt", "NextRun"], cancellationToken).ConfigureAwait(false);
        return entity.HasValue && entity.Value!.GetDateTimeOffset("RanAt") is { } ranAt ? (ranAt, entity.Value.GetDateTimeOffset("NextRun")) : null;
    }
}
