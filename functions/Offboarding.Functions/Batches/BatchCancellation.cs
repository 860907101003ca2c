using Offboarding.Functions.Domain;
using Offboarding.Functions.Operators;

namespace Offboarding.Functions.Batches;

/// <summary>Ends what a cancelled or rejected batch had not sent to Zoho: people not started are never started, and
/// started ones are cancelled with the operators' cancel and its rules (never anything Zoho has already).</summary>
public sealed class BatchCancellation(BatchStore store, OffboardingCancellation cancellation)
{
    /// <summary>How long a started person's offboarding may take to appear (the dispatcher is making it) before it counts as never made.</summary>
    private static readonly TimeSpan MakingGrace = TimeSpan.FromSeconds(5);

    public async Task<(int NotStarted, int Cancelled, int TooLate)> SettleAsync(BatchRecord batch, string by, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await WaitForStarterAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        var members = await store.MembersAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        var waiting = members.Where(m => m.Status == MemberStatus.Waiting).ToList();
        foreach (var member in waiting)
        {
            member.Status = MemberStatus.Cancelled;
        }

        await store.SaveMembersAsync(batch, waiting, cancellationToken).ConfigureAwait(false);
        var cancelled = 0;
        var tooLate = 0;
        var neverMade = new List<BatchMember>();
        foreach (var member in members.Where(m => m.Status == MemberStatus.Started))
        {
            var outcome = await CancelStartedAsync(member.OffboardingId, by, reason ?? $"batch {batch.Id} cancelled", cancellationToken).ConfigureAwait(false);
            cancelled += outcome.Kind == CancelOutcomeKind.Cancelled ? 1 : 0;
            tooLate += outcome.Kind == CancelOutcomeKind.TooLate ? 1 : 0;
            if (outcome.Kind == CancelOutcomeKind.NotFound)
            {
                // Marked started by a dispatcher that died before making it: nobody makes it now (only a running batch's are made).
                member.Status = MemberStatus.Cancelled;
                neverMade.Add(member);
            }
        }

        await store.SaveMembersAsync(batch, neverMade, cancellationToken).ConfigureAwait(false);

        // People never started may be offboarded another way now; the started ones keep their entry, so a webhook joins them.
        await store.RemoveFromIndexAsync(batch.Id, members.Where(m => m.Status != MemberStatus.Started), cancellationToken).ConfigureAwait(false);
        return (waiting.Count, cancelled, tooLate);
    }

    /// <summary>Waits while a dispatcher holds the batch's start lease (taken before the cancel was written, or it would have
    /// failed), so the members read next show everyone it started, with their offboardings made.</summary>
    private async Task WaitForStarterAsync(string batchId, CancellationToken cancellationToken)
    {
        while (await store.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is { Batch.StartingUntil: { } until } && until > DateTimeOffset.UtcNow)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CancelOutcome> CancelStartedAsync(string offboardingId, string by, string reason, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + MakingGrace;
        while (true)
        {
            var outcome = await cancellation.CancelAsync(offboardingId, by, reason, cancellationToken).ConfigureAwait(false);
            if (outcome.Kind != CancelOutcomeKind.NotFound || DateTimeOffset.UtcNow > deadline)
            {
                return outcome;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }
}
