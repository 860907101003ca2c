using System.Collections.Concurrent;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary>Runs approved batches at Zoho's pace: each cycle starts only as many people as <see cref="DispatchCapacity"/>
/// allows, so the line of waiting people stays rows in a table, never queue messages (ADR 007). Finished batches are
/// announced once.</summary>
public sealed class BatchDispatcher(
    BatchStore store,
    OffboardingStore offboardings,
    DispatchCapacity capacity,
    BatchStarter starter,
    BatchEnding ending,
    TimeProvider time)
{
    /// <summary>The pause between two cycles of one timer run while a batch is live: a job slot freed between timer runs is
    /// taken within this long, not at the next run.</summary>
    public static readonly TimeSpan CycleEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a running batch's members are read whole (to make offboardings a crash left unmade) while people of
    /// it still wait to start.</summary>
    private static readonly TimeSpan ReviewEvery = TimeSpan.FromSeconds(15);

    /// <summary>How often they are read whole once nobody is left to start, or the batch was cancelled: to see the end.</summary>
    private static readonly TimeSpan EndReviewEvery = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _reviewed = new(StringComparer.Ordinal);

    /// <summary>Cycles until <paramref name="until"/> while a batch can start people (one cycle when none can: a paused batch,
    /// or a cancelled one waiting to be announced, needs no more); returns how many people it started.</summary>
    public async Task<int> RunUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var started = 0;
        while (true)
        {
            var (starting, cycle) = await CycleAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            started += cycle;
            if (!starting || time.GetUtcNow() + CycleEvery >= until)
            {
                return started;
            }

            await Task.Delay(CycleEvery, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One cycle over the live batches; returns how many people it started.</summary>
    public async Task<int> RunCycleAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await CycleAsync(now, cancellationToken).ConfigureAwait(false)).Started;

    private async Task<(bool Starting, int Started)> CycleAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var live = await store.ListForDispatchAsync(cancellationToken).ConfigureAwait(false);
        var startable = live.Where(b => CanStart(b, now)).ToList();

        // Job slots and waiters are read only when someone could be started.
        var free = startable.Count > 0 ? await capacity.FreeAsync(cancellationToken).ConfigureAwait(false) : 0;
        var started = 0;
        foreach (var batch in live.OrderBy(b => b.Approval?.At ?? b.CreatedAt))
        {
            var canStart = CanStart(batch, now);
            var next = canStart && free > 0 ? await starter.NextAsync(batch.Id, now, free, cancellationToken).ConfigureAwait(false) : [];
            if (next.Count > 0 && await StartUnderLeaseAsync(batch.Id, next, now, cancellationToken).ConfigureAwait(false))
            {
                free -= next.Count;
                started += next.Count;
            }

            var nearTheEnd = batch.State == BatchState.Cancelled || (canStart && free > 0 && next.Count == 0);
            if (ReviewIsDue(batch.Id, now, nearTheEnd ? EndReviewEvery : ReviewEvery))
            {
                await ReviewAsync(batch, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return (startable.Count > 0, started);
    }

    private static bool CanStart(BatchRecord batch, DateTimeOffset now) =>
        batch.State == BatchState.Running && !(batch.StartAt is { } startAt && startAt > now);

    // The whole batch read: offboardings of started people a crash left unmade are made, and a batch with nobody left is ended.
    private async Task ReviewAsync(BatchRecord batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _reviewed[batch.Id] = now;
        var members = await store.MembersAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        var (progress, states) = await BatchProgress.ReadAsync(batch, members, offboardings, now, cancellationToken).ConfigureAwait(false);
        var missing = members.Where(m => m.Status == MemberStatus.Started && !states.ContainsKey(m.OffboardingId)).ToList();
        if (batch.State == BatchState.Running && missing.Count > 0)
        {
            await LeasedAsync(batch.Id, now, current => MakeAsync(current, missing, cancellationToken), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (progress.Waiting == 0 && missing.Count == 0 && members.Where(m => m.Status == MemberStatus.Started).All(m => states[m.OffboardingId].IsTerminal()))
        {
            await ending.FinishAsync(batch.Id, members, now, cancellationToken).ConfigureAwait(false);
            _reviewed.TryRemove(batch.Id, out _);
            starter.Forget(batch.Id);
        }
    }

    // People handed out by the line and not started (the lease went to a cancel, or storage failed) are read again next cycle.
    private async Task<bool> StartUnderLeaseAsync(string batchId, IReadOnlyList<BatchMember> next, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = false;
        try
        {
            started = await LeasedAsync(batchId, now, current => StartAsync(current, next, cancellationToken), cancellationToken).ConfigureAwait(false);
            return started;
        }
        finally
        {
            if (!started)
            {
                starter.Forget(batchId);
            }
        }
    }

    private Task StartAsync(BatchRecord batch, IReadOnlyList<BatchMember> members, CancellationToken cancellationToken)
    {
        capacity.Started(members.Select(m => m.OffboardingId));
        return starter.StartAsync(batch, members, cancellationToken);
    }

    private Task MakeAsync(BatchRecord batch, IReadOnlyList<BatchMember> members, CancellationToken cancellationToken)
    {
        capacity.Started(members.Select(m => m.OffboardingId));
        return starter.MakeAsync(batch, members, cancellationToken);
    }

    /// <summary>Runs <paramref name="start"/> under the batch's start lease, if the batch still runs: a cancel that comes
    /// meanwhile waits for it, then sees everyone it started (ADR 007).</summary>
    private async Task<bool> LeasedAsync(string batchId, DateTimeOffset now, Func<BatchRecord, Task> start, CancellationToken cancellationToken)
    {
        if (await ending.TakeStartLeaseAsync(batchId, now, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return false;
        }

        try
        {
            await start(current).ConfigureAwait(false);
            return true;
        }
        finally
        {
            await ending.ReleaseStartLeaseAsync(batchId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private bool ReviewIsDue(string batchId, DateTimeOffset now, TimeSpan every) =>
        !_reviewed.TryGetValue(batchId, out var last) || now - last >= every;
}
