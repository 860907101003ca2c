using Offboarding.Functions.Operators;

namespace Offboarding.Functions.Batches;

/// <summary>Makes a batch from a valid upload: plans every person against one read of the org, estimates it, stores it
/// waiting for approval. Nothing runs until someone approves.</summary>
public sealed class BatchCreation(BatchPlanner planner, BatchEstimator estimator, BatchStore store, TimeProvider time)
{
    public async Task<(BatchRecord Batch, IReadOnlyList<BatchMember> Members)> CreateAsync(string batchId, BatchSubmission submission, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(caller);
        var (members, orgUsers) = await planner.PlanAsync(batchId, submission.Rows, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var batch = new BatchRecord
        {
            Id = batchId,
            Name = submission.Name.Trim(),
            Reason = submission.Reason.Trim(),
            StartAt = submission.StartAt,
            SubmittedBy = caller.Name,
            CreatedAt = now,
            Total = members.Count,
            PlanCounts = members.GroupBy(m => m.Plan).ToDictionary(g => g.Key, g => g.Count()),
        };
        var ready = members.Where(m => m.Plan == MemberPlan.Ready).ToList();
        batch.Estimate = await estimator.EstimateAsync(ready.Count, ready.Count(m => m.NamesTarget), orgUsers, now, cancellationToken).ConfigureAwait(false);
        batch.Record(now, "submitted", "ok", $"by {caller.Name}: {batch.Total} people, {ready.Count} ready, {batch.Total - ready.Count} with a problem");
        await store.CreateAsync(batch, members, cancellationToken).ConfigureAwait(false);
        return (batch, members);
    }
}
