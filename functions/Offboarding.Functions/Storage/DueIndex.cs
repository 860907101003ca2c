using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Offboarding.Functions.Storage;

/// <summary>
/// What is due when, keyed by due time, so a poll cycle reads only due rows however many finished offboardings exist.
/// A row is a hint: the record's <c>DueKey</c> is the truth. See docs/adr/001-event-outbox-order.md.
/// </summary>
public sealed class DueIndex(PipelineStorage storage)
{
    private readonly TableClient _table = storage.Due;

    private const string Partition = "due";
    private const string IdColumn = "OffboardingId";

    public static string KeyFor(DateTimeOffset dueAt, string offboardingId) =>
        $"{dueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{offboardingId}";

    /// <summary>The due time a key was made for (see <see cref="KeyFor"/>).</summary>
    public static DateTimeOffset DueTimeOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length >= 19 && long.TryParse(key.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : DateTimeOffset.MinValue;
    }

    public async Task AddAsync(string key, string offboardingId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, key) { [IdColumn] = offboardingId };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, key, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: another cycle cleaned it up.
        }
    }

    /// <summary>Entries due at or before <paramref name="now"/>, oldest first, at most <paramref name="max"/>.</summary>
    public async IAsyncEnumerable<DueEntry> DueAsync(DateTimeOffset now, int max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every key due by now sorts below the next tick's zero-padded prefix.
        var upper = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {upper}");
        var count = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, Math.Min(max, 1000), ["RowKey", IdColumn], cancellationToken).ConfigureAwait(false))
        {
            var id = entity.GetString(IdColumn);
            if (id is not null)
            {
                yield return new DueEntry(entity.RowKey, id);
            }

            if (++count >= max)
            {
                yield break;
            }
        }
    }
}
