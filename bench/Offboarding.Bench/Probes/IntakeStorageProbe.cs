using System.Diagnostics;
using Azure.Data.Tables;
using Offboarding.Bench.Harness.Stack;

namespace Offboarding.Bench.Probes;

/// <summary>
/// The intake's storage work alone, without HTTP, signature checks or JSON: per request the same three
/// Azurite calls the intake makes one after another for a new offboarding (add the due-index row, add the
/// record, send the message), with documents of the same size, at the same concurrency. Explains the intake figure.
/// </summary>
public static class IntakeStorageProbe
{
    public const int CallsPerRequest = 3;

    public static async Task<Rate> RunAsync(string connectionString, int count, int concurrency, CancellationToken cancellationToken)
    {
        var tables = StorageAccount.Tables(connectionString);
        var records = tables.GetTableClient("benchprobe");
        var due = tables.GetTableClient("benchprobedue");
        var queue = StorageAccount.Queues(connectionString).GetQueueClient("bench-probe-requests");
        await Task.WhenAll(records.CreateIfNotExistsAsync(cancellationToken), due.CreateIfNotExistsAsync(cancellationToken), queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        var document = new string('x', 1200);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var id = $"probe{i:D8}";
                await due.UpsertEntityAsync(new TableEntity("due", $"{DateTimeOffset.UtcNow.UtcTicks:D19}-{id}") { ["OffboardingId"] = id }, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                await records.AddEntityAsync(new TableEntity(id, "record") { ["State"] = "accepted", ["Document"] = document }, ct).ConfigureAwait(false);
                await queue.SendMessageAsync($$"""{"id":"{{id}}"}""", ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        await Task.WhenAll(records.DeleteAsync(cancellationToken), due.DeleteAsync(cancellationToken), queue.DeleteIfExistsAsync(cancellationToken)).ConfigureAwait(false);
        return new Rate(count, elapsed);
    }
}
