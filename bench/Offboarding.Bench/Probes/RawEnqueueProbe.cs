using System.Diagnostics;
using System.Text.Json;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Storage;

namespace Offboarding.Bench.Probes;

/// <summary>
/// The floor under the intake: how fast Azurite takes queue messages of the intake's size when nothing else
/// happens per request, sent with the same concurrency as the webhooks, through the Azure SDK's queue client, base64 as the app sends.
/// </summary>
public static class RawEnqueueProbe
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Rate> RunAsync(string connectionString, int count, int concurrency, CancellationToken cancellationToken)
    {
        var queue = StorageAccount.Queues(connectionString).GetQueueClient("bench-raw-enqueue");
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.Serialize(new RequestMessage(new string('0', 64), DateTimeOffset.UtcNow), Json);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (_, ct) => await queue.SendMessageAsync(body, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        await queue.DeleteIfExistsAsync(cancellationToken).ConfigureAwait(false);
        return new Rate(count, elapsed);
    }
}
