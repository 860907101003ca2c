using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Operators;

namespace Offboarding.Functions.Batches;

/// <summary>What operators decide about a batch: approve (once, by someone other than the submitter when
/// <see cref="BatchesOptions.RequireSecondApprover"/>), reject, pause, resume. Each write is ETag-guarded.</summary>
public sealed class BatchDecisions(BatchStore store, IOptions<BatchesOptions> options, TimeProvider time)
{
    private const int MaxConflicts = 5;

    public Task<BatchDecision> ApproveAsync(string id, OperatorIdentity caller, CancellationToken cancellationToken) =>
        DecideAsync(id, "approved", batch =>
        {
            if (batch.State != BatchState.AwaitingApproval)
            {
                return Refusal(409, $"It is {Wire(batch.State)}; only a batch awaiting approval can be approved.");
            }

            if (options.Value.RequireSecondApprover && string.Equals(batch.SubmittedBy, caller.Name, StringComparison.OrdinalIgnoreCase))
            {
                return Refusal(403, "Batches__RequireSecondApprover is on: the operator who submitted a batch cannot approve it; another operator must.");
            }

            batch.Approval = new OperatorAction(time.GetUtcNow(), caller.Name, null);
            batch.State = BatchState.Running;
            return null;
        }, caller.Name, null, cancellationToken);

    public Task<BatchDecision> RejectAsync(string id, OperatorIdentity caller, string reason, CancellationToken cancellationToken) =>
        DecideAsync(id, "rejected", batch =>
        {
            if (batch.State != BatchState.AwaitingApproval)
            {
                return Refusal(409, $"It is {Wire(batch.State)}; only a batch awaiting approval can be rejected (cancel one that runs).");
            }

            batch.Rejection = new OperatorAction(time.GetUtcNow(), caller.Name, reason);
            batch.State = BatchState.Rejected;
            batch.FinishedAt = time.GetUtcNow();
            return null;
        }, caller.Name, reason, cancellationToken);

    public Task<BatchDecision> PauseAsync(string id, OperatorIdentity caller, CancellationToken cancellationToken) =>
        DecideAsync(id, "paused", batch => Move(batch, BatchState.Running, BatchState.Paused), caller.Name, null, cancellationToken);

    public Task<BatchDecision> ResumeAsync(string id, OperatorIdentity caller, CancellationToken cancellationToken) =>
        DecideAsync(id, "resumed", batch => Move(batch, BatchState.Paused, BatchState.Running), caller.Name, null, cancellationToken);

    /// <summary>Marks the batch cancelled; <see cref="BatchCancellation"/> then ends what of it was not sent to Zoho.</summary>
    public Task<BatchDecision> CancelAsync(string id, OperatorIdentity caller, string reason, CancellationToken cancellationToken) =>
        DecideAsync(id, "cancelled", batch =>
        {
            if (!batch.IsLive)
            {
                return Refusal(409, $"It is {Wire(batch.State)} already.");
            }

            batch.Cancellation = new OperatorAction(time.GetUtcNow(), caller.Name, reason);
            batch.State = BatchState.Cancelled;
            return null;
        }, caller.Name, reason, cancellationToken);

    private async Task<BatchDecision> DecideAsync(string id, string step, Func<BatchRecord, BatchDecision?> change, string by, string? reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return new BatchDecision(404, "No batch has this id.", null);
            }

            if (change(stored.Batch) is { } refused)
            {
                return refused with { Batch = stored.Batch };
            }

            stored.Batch.Record(time.GetUtcNow(), step, "ok", reason is null ? $"by {by}" : $"by {by}: {reason}");
            if (await store.TryReplaceAsync(stored, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return new BatchDecision(200, null, saved.Batch);
            }
        }

        throw new InvalidOperationException($"Batch {id} kept changing; try again.");
    }

    private static BatchDecision? Move(BatchRecord batch, BatchState from, BatchState to)
    {
        if (batch.State != from)
        {
            return Refusal(409, $"It is {Wire(batch.State)}; only a {Wire(from)} batch can be {(to == BatchState.Paused ? "paused" : "resumed")}.");
        }

        batch.State = to;
        return null;
    }

    private static BatchDecision Refusal(int status, string detail) => new(status, detail, null);

    private static string Wire(BatchState state) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());
}

/// <summary>How a decision went: 200 with the batch, or the status and why not.</summary>
public sealed record BatchDecision(int Status, string? Problem, BatchRecord? Batch);
