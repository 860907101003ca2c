using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary><c>POST /api/batches/{id}/approve</c>: the batch runs; the approver and the time are recorded.</summary>
public sealed class ApproveBatchHandler(BatchDecisions decisions, BatchStore store, OffboardingStore offboardings, TimeProvider time) : IOperatorHandler
{
    public Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken) =>
        BatchAction.RunAsync(request, body, reasonRequired: false, (id, _) => decisions.ApproveAsync(id, caller, cancellationToken), store, offboardings, time, cancellationToken);
}

/// <summary><c>POST /api/batches/{id}/reject</c> with <c>{"reason"}</c>: nobody of it is ever started.</summary>
public sealed class RejectBatchHandler(BatchDecisions decisions, BatchCancellation cancellation, BatchEnding ending, BatchStore store, OffboardingStore offboardings, TimeProvider time)
    : IOperatorHandler
{
    public Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken) =>
        BatchAction.RunAsync(request, body, reasonRequired: true, async (id, reason) =>
            {
                var decision = await BatchAction.ThenSettleAsync(decisions.RejectAsync(id, caller, reason!, cancellationToken), cancellation, caller, reason, cancellationToken).ConfigureAwait(false);
                if (decision.Status == 200)
                {
                    await ending.RecordRejectedAsync(id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }

                return decision;
            },
            store, offboardings, time, cancellationToken);
}

/// <summary><c>POST /api/batches/{id}/pause</c>: nobody new is started until it is resumed.</summary>
public sealed class PauseBatchHandler(BatchDecisions decisions, BatchStore store, OffboardingStore offboardings, TimeProvider time) : IOperatorHandler
{
    public Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken) =>
        BatchAction.RunAsync(request, body, reasonRequired: false, (id, _) => decisions.PauseAsync(id, caller, cancellationToken), store, offboardings, time, cancellationToken);
}

/// <summary><c>POST /api/batches/{id}/resume</c>.</summary>
public sealed class ResumeBatchHandler(BatchDecisions decisions, BatchStore store, OffboardingStore offboardings, TimeProvider time) : IOperatorHandler
{
    public Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken) =>
        BatchAction.RunAsync(request, body, reasonRequired: false, (id, _) => decisions.ResumeAsync(id, caller, cancellationToken), store, offboardings, time, cancellationToken);
}

/// <summary><c>POST /api/batches/{id}/cancel</c> with <c>{"reason"}</c>: ends everything of it not yet sent to Zoho.</summary>
public sealed class CancelBatchHandler(BatchDecisions decisions, BatchCancellation cancellation, BatchStore store, OffboardingStore offboardings, TimeProvider time) : IOperatorHandler
{
    public Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken) =>
        BatchAction.RunAsync(request, body, reasonRequired: true,
            (id, reason) => BatchAction.ThenSettleAsync(decisions.CancelAsync(id, caller, reason!, cancellationToken), cancellation, caller, reason, cancellationToken),
            store, offboardings, time, cancellationToken);
}

/// <summary>What the action routes share: the id, the optional or required reason, and the answer (the batch as it is now).</summary>
internal static class BatchAction
{
    public static async Task<HttpAnswer> RunAsync(HttpRequest request, ReadOnlyMemory<byte> body, bool reasonRequired, Func<string, string?, Task<BatchDecision>> act,
        BatchStore store, OffboardingStore offboardings, TimeProvider time, CancellationToken cancellationToken)
    {
        if (BatchResponses.RouteId(request) is not { } id)
        {
            return BatchResponses.NotFound();
        }

        var (parsed, problem) = OperatorRequestBody.Read<ActionBody>(body);
        if (problem is not null)
        {
            return problem;
        }

        if (OperatorResponses.CheckReason(parsed!.Reason, reasonRequired) is { } invalid)
        {
            return OperatorResponses.Invalid(invalid);
        }

        var decision = await act(id, parsed.Reason?.Trim()).ConfigureAwait(false);
        return decision.Status == 200
            ? await BatchResponses.ViewAsync(200, decision.Batch!, store, offboardings, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            : BatchResponses.Refusal(decision);
    }

    /// <summary>After a reject or cancel went through: ends what of the batch was not sent to Zoho.</summary>
    public static async Task<BatchDecision> ThenSettleAsync(Task<BatchDecision> deciding, BatchCancellation cancellation, OperatorIdentity caller, string? reason, CancellationToken cancellationToken)
    {
        var decision = await deciding.ConfigureAwait(false);
        if (decision.Status == 200)
        {
            await cancellation.SettleAsync(decision.Batch!, caller.Name, reason, cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }

    private sealed record ActionBody(string? Reason);
}
