using System.Globalization;
using Azure.Data.Tables;

namespace Offboarding.Functions.Storage;

/// <summary>Each instance's recently learned Zoho job durations, one row per instance beside the job slots, so a new or
/// restarted instance times its first polls from what the others learned.</summary>
public sealed class JobDurationLedger(PipelineStorage storage)
{
    private const string Partition = "durations";
    private const string FinishedColumn = "FinishedMs";
    private const string RunningColumn = "RunningMs";

    private readonly TableClient _table = storage.JobSlots;

    public Task SaveAsync(string instance, LearnedDurations learned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learned);
        var entity = new TableEntity(Partition, instance)
        {
            [FinishedColumn] = Join(learned.Finished),
            [RunningColumn] = Join(learned.Running),
            ["SavedAt"] = now,
        };
        return _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>What every instance other than <paramref name="instance"/> saved since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<LearnedDurations>> LoadOthersAsync(string instance, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = new List<LearnedDurations>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Timestamp ge {since}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != instance)
            {
                rows.Add(new LearnedDurations(Split(row.GetString(FinishedColumn)), Split(row.GetString(RunningColumn))));
            }
        }

        return rows;
    }

    private static string Join(IEnumerable<TimeSpan> durations) =>
        string.Join(',', durations.Select(d => ((long)d.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)));

    // A row written by another version, or damaged, reads as nothing learned rather than failing the poll.
    private static TimeSpan[] Split(string? text) =>
        [.. (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null)
            .OfType<TimeSpan>()];
}

/// <summary>Poll observations of one instance: after how long jobs were found finished, and found still running.</summary>
public sealed record LearnedDurations(IReadOnlyList<TimeSpan> Finished, IReadOnlyList<TimeSpan> Running);
