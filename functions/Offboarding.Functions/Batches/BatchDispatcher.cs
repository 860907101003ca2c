using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Batches;

/// <summary>Runs approved batches at Zoho's pace: each cycle starts only as many people as there are free Zoho job slots
/// not already spoken for, so the line of waiting people stays rows in a table, never queue messages (ADR 007). Finished
/// batches are announced once.</summary>
public sealed class BatchDispatcher(
    BatchStore store,
    OffboardingStore offboardings,
    JobSlots slots,
    JobAdmission admission,
    BatchStarter starter,
    BatchEnding ending)
{
    /// <summary>One cycle over the live batches; returns how many people it started.</summary>
    public async Task<int> RunCycleAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var live = new List<BatchRecord>();
        await foreach (var batch in store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (batch.State is BatchState.Running or BatchState.Paused || (batch.State == BatchState.Cancelled && !batch.FinishAnnounced))
            {
                live.Add(batch);
            }
        }

        if (live.Count == 0)
        {
            return 0;
        }

        var limit = await admission.EffectiveLimitAsync(cancellationToken).ConfigureAwait(false);
        var held = (await slots.ReadAsync(cancellationToken).ConfigureAwait(false)).Slots.Count(s => s.Holder is not null);
        var free = limit - held;
        var started = 0;
        foreach (var batch in live.OrderBy(b => b.Approval?.At ?? b.CreatedAt))
        {
            var members = await store.MembersAsync(batch.Id, cancellationToken).ConfigureAwait(false);
            var (progress, states) = await BatchProgress.ReadAsync(batch, members, offboardings, now, cancellationToken).ConfigureAwait(false);

            // Started people on their way to a slot have it spoken for already.
            free -= states.Values.Count(s => s == OffboardingState.Accepted);
            var missing = members.Where(m => m.Status == MemberStatus.Started && !states.ContainsKey(m.OffboardingId)).ToList();
            if (batch.State == BatchState.Running && missing.Count > 0)
            {
                await LeasedAsync(batch.Id, now, current => starter.MakeAsync(current, missing, cancellationToken), cancellationToken).ConfigureAwait(false);
                free -= missing.Count;
                continue;
            }

            if (progress.Waiting == 0 && missing.Count == 0 && members.Where(m => m.Status == MemberStatus.Started).All(m => states[m.OffboardingId].IsTerminal()))
            {
                await ending.FinishAsync(batch.Id, members, now, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (batch.State != BatchState.Running || free <= 0 || (batch.StartAt is { } startAt && startAt > now))
            {
                continue;
            }

            var next = await store.NextWaitingAsync(batch.Id, now, free, cancellationToken).ConfigureAwait(false);
            if (next.Count > 0 && await LeasedAsync(batch.Id, now, current => starter.StartAsync(current, next, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                free -= next.Count;
                started += next.Count;
            }
        }

        return started;
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
}
