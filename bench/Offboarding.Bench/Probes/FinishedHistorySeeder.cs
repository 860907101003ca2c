using System.Globalization;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Bench.Probes;

/// <summary>
/// Fills the offboardings table with finished offboardings written by the pipeline's own store, so they have
/// exactly the shape the app writes. Not in batch transactions: the table's partition key is the offboarding
/// id, and a batch must stay within one partition, so each record is its own insert (run in parallel).
/// </summary>
public static class FinishedHistorySeeder
{
    public static async Task<Rate> SeedAsync(string connectionString, int count, int concurrency, Action<string> progress, CancellationToken cancellationToken)
    {
        var storage = StorageAccount.Pipeline(connectionString);
        await storage.Offboardings.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var store = new OffboardingStore(storage);
        var written = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                await store.TryAddAsync(Finished(i), ct).ConfigureAwait(false);
                var n = Interlocked.Increment(ref written);
                if (n % 10_000 == 0)
                {
                    progress($"  {n} finished offboardings written");
                }
            }).ConfigureAwait(false);
        return new Rate(count, clock.Elapsed);
    }

    private static OffboardingRecord Finished(int i)
    {
        var eventId = $"history-{i.ToString("D7", CultureInfo.InvariantCulture)}";
        var start = DateTimeOffset.UtcNow.AddDays(-30).AddSeconds(i);
        var record = new OffboardingRecord
        {
            Id = OffboardingId.From("bench-history", eventId),
            Request = new OffboardingRequest
            {
                Source = "bench-history",
                SourceEventId = eventId,
                Employee = new EmployeeIdentity { WorkEmail = $"former{i}@bench.example" },
            },
            CreatedAt = start,
            EffectiveAt = start,
            State = OffboardingState.Submitted,
            LeaverZohoId = "5725767300" + i.ToString("D9", CultureInfo.InvariantCulture),
            TargetZohoId = "5725767000000020004",
            TargetRule = TargetRule.Manager,
            ZohoJobId = "job-" + eventId,
            SubmittedAt = start.AddSeconds(1),
            PollCount = 2,
            LastPolledAt = start.AddSeconds(60),
            LastJobStatus = "completed",
        };
        record.Record(start, "accepted", "stored");
        record.Record(start.AddSeconds(1), "submitted", "zoho job " + record.ZohoJobId);
        record.PublishedEvents.Add(OffboardingOutcome.Submitted);
        record.Complete(start.AddSeconds(60), "zoho", $"Zoho job {record.ZohoJobId} completed");
        record.PendingEvents.Clear();
        record.PublishedEvents.Add(OffboardingOutcome.Completed);
        return record;
    }
}
