using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary>The batch row's updates the dispatcher makes: noting the first start, and the end with its one
/// <c>batch.finished</c> event (published before the row says so, so a crash repeats it rather than loses it).</summary>
public sealed class BatchEnding(BatchStore store, OffboardingStore offboardings, OffboardingEventPublisher publisher, BatchFinishedEvent events)
{
    private const int MaxConflicts = 5;

    /// <summary>How long a dispatcher may take to start one cycle's people before a cancel stops waiting for it.</summary>
    public static readonly TimeSpan StartLease = TimeSpan.FromSeconds(30);

    /// <summary>The batch as it is now if it still runs, with this cycle's start lease taken (and its first start noted), else
    /// null: a pause or cancel since the cycle read it wins. The lease is an ETag-guarded write, so it and a cancel are ordered.</summary>
    public Task<BatchRecord?> TakeStartLeaseAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(batchId, batch =>
        {
            if (batch.State != BatchState.Running)
            {
                return Task.FromResult(false);
            }

            if (batch.StartedAt is null)
            {
                batch.StartedAt = now;
                batch.Record(now, "started", "ok", "the first people were started");
            }

            batch.StartingUntil = now + StartLease;
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>Gives the start lease back, whatever the batch's state now (a cancel may be waiting for it).</summary>
    public Task ReleaseStartLeaseAsync(string batchId, CancellationToken cancellationToken) =>
        UpdateAsync(batchId, batch =>
        {
            var held = batch.StartingUntil is not null;
            batch.StartingUntil = null;
            return Task.FromResult(held);
        }, cancellationToken);

    /// <summary>Stores the final progress of a rejected batch once its people are settled (it is never announced).</summary>
    public Task RecordRejectedAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(batchId, async batch =>
        {
            if (batch.State != BatchState.Rejected)
            {
                return false;
            }

            var members = await store.MemberProgressAsync(batchId, cancellationToken).ConfigureAwait(false);
            batch.FinalProgress = await BatchProgress.ReadAsync(batch, members, offboardings, now, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task FinishAsync(string batchId, IReadOnlyList<BatchMember> members, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(batchId, async batch =>
        {
            if (batch.FinishAnnounced)
            {
                return false;
            }

            batch.FinishedAt ??= now;
            if (batch.State is BatchState.Running or BatchState.Paused)
            {
                batch.State = BatchState.Finished;
            }

            var (progress, _) = await BatchProgress.ReadAsync(batch, members, offboardings, now, cancellationToken).ConfigureAwait(false);
            await publisher.PublishAsync(events.Create(batch, progress), cancellationToken).ConfigureAwait(false);
            batch.FinishAnnounced = true;
            batch.FinalProgress = progress;
            batch.Record(now, "finished", "ok", $"{progress.Completed} completed, {progress.Failed} failed, {progress.Counts.GetValueOrDefault("skipped")} skipped");
            // The index keeps the people it started: a webhook for one of them later joins their offboarding.
            return true;
        }, cancellationToken);

    /// <summary>Reads the batch, lets <paramref name="change"/> change it (false: nothing to do) and replaces it as read, reading
    /// again on a conflict; the batch as saved, or null when there was nothing to do, no such batch, or it kept changing.</summary>
    private async Task<BatchRecord?> UpdateAsync(string batchId, Func<BatchRecord, Task<bool>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            if (await store.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is not { } stored || !await change(stored.Batch).ConfigureAwait(false))
            {
                return null;
            }

            if (await store.TryReplaceAsync(stored, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return saved.Batch;
            }
        }

        return null;
    }
}
