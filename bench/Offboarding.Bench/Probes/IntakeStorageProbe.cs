using System.Diagnostics;
using Azure.Data.Tables;
using Offboarding.Bench.Harness.Stack;

namespace Offboarding.Bench.Probes;

/// <summary>
/// The intake's storage work alone, without HTTP, signature checks or JSON: per request the same three Azurite calls
/// the intake makes one after another for a new offboarding (claim its webhook-id, send the message carrying the
/// sealed record, add the record), with documents of the same size, at the same concurrency.
/// </summary>
public static class IntakeStorageProbe
{
    public const int CallsPerRequest = 3;

    public static async Task<Rate> RunAsync(string connectionString, int count, int concurrency, CancellationToken cancellationToken)
    {
        var tables = StorageAccount.Tables(connectionString);
        var records = tables.GetTableClient("benchprobe");
        var queue = StorageAccount.Queues(connectionString).GetQueueClient("bench-probe-requests");
        await Task.WhenAll(records.CreateIfNotExistsAsync(cancellationToken), queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        var document = new string('x', 1200);

        // The message carries the record sealed: base64 of the document plus nonce and tag.
        var sealedDocument = new string('y', (document.Length + 28 + 2) / 3 * 4);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var id = $"probe{i:D8}";
                await records.AddEntityAsync(new TableEntity($"webhook-{id}", "message") { ["OffboardingId"] = id }, ct).ConfigureAwait(false);
                await queue.SendMessageAsync($$"""{"id":"{{id}}","origin":"{{sealedDocument}}"}""", ct).ConfigureAwait(false);
                await records.AddEntityAsync(new TableEntity(id, "record") { ["State"] = "accepted", ["Document"] = document }, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        await Task.WhenAll(records.DeleteAsync(cancellationToken), queue.DeleteIfExistsAsync(cancellationToken)).ConfigureAwait(false);
        return new Rate(count, elapsed);
    }
}
