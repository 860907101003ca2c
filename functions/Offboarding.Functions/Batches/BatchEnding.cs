using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary>The batch row's updates the dispatcher makes: noting the first start, and the end with its one
/// <c>batch.finished</c> event (published before the row says so, so a crash repeats it rather than loses it).</summary>
public sealed class BatchEnding(BatchStore store, OffboardingStore offboardings, OffboardingEventPublisher publisher, BatchFinishedEvent events)
{
    private const int MaxConflicts = 5;

    /// <summary>The batch as it is now if it still runs (noting its first start), else null: a pause or cancel since the cycle read it wins.</summary>
    public async Task<BatchRecord?> StillRunningAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            if (await store.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is not { Batch.State: BatchState.Running } stored)
            {
                return null;
            }

            if (stored.Batch.StartedAt is not null)
            {
                return stored.Batch;
            }

            stored.Batch.StartedAt = now;
            stored.Batch.Record(now, "started", "ok", "the first people were started");
            if (await store.TryReplaceAsync(stored, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return saved.Batch;
            }
        }

        return null;
    }

    public async Task FinishAsync(string batchId, IReadOnlyList<BatchMember> members, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            if (await store.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is not { } stored || stored.Batch.FinishAnnounced)
            {
                return;
            }

            var batch = stored.Batch;
            batch.FinishedAt ??= now;
            if (batch.State is BatchState.Running or BatchState.Paused)
            {
                batch.State = BatchState.Finished;
            }

            var (progress, _) = await BatchProgress.ReadAsync(batch, members, offboardings, now, cancellationToken).ConfigureAwait(false);
            await publisher.PublishAsync(events.Create(batch, progress), cancellationToken).ConfigureAwait(false);
            batch.FinishAnnounced = true;
            batch.Record(now, "finished", "ok", $"{progress.Completed} completed, {progress.Failed} failed, {progress.Counts.GetValueOrDefault("skipped")} skipped");
            // The index keeps the people it started: a webhook for one of them later joins their offboarding.
            if (await store.TryReplaceAsync(stored, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }
    }
}
