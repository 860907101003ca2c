using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Batches;

/// <summary>A person waiting to start in a running or paused batch is leaving: one point read of the batch index by email for
/// everyone, two more for the people of a batch.</summary>
public sealed class BatchLeavers(BatchStore store) : IBatchLeavers
{
    public async Task<string?> WaitingAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || await store.FindMemberRowAsync(email, cancellationToken).ConfigureAwait(false) is not { } found
            || found.Member.Status != MemberStatus.Waiting)
        {
            return null;
        }

        // Approved batches only: one awaiting approval may still be rejected, and its own plan already passes over its leavers.
        return await store.GetAsync(found.BatchId, cancellationToken).ConfigureAwait(false) is { Batch.State: BatchState.Running or BatchState.Paused }
            ? $"(waiting to start in layoff batch {found.BatchId})"
            : null;
    }
}
