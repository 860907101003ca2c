using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Batches;

/// <summary>A batch as operators see it: what was asked, the plan's findings, the estimate, the decisions, the progress, and
/// (for one batch) every person, problems first.</summary>
public sealed record BatchView(
    string Id,
    string Name,
    string Reason,
    DateTimeOffset? StartAt,
    BatchState State,
    string SubmittedBy,
    DateTimeOffset CreatedAt,
    int People,
    IReadOnlyDictionary<MemberPlan, int> Plan,
    BatchEstimate? Estimate,
    OperatorAction? Approval,
    OperatorAction? Rejection,
    OperatorAction? Cancellation,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    BatchProgress Progress,
    IReadOnlyList<string> Actions,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlyList<MemberView>? Members,
    string ReportUrl)
{
    public static BatchView From(BatchRecord batch, BatchProgress progress, IReadOnlyList<MemberView>? members)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new BatchView(batch.Id, batch.Name, batch.Reason, batch.StartAt, batch.State, batch.SubmittedBy, batch.CreatedAt, batch.Total,
            batch.PlanCounts, batch.Estimate, batch.Approval, batch.Rejection, batch.Cancellation, batch.StartedAt, batch.FinishedAt,
            progress, ActionsOf(batch.State), [.. batch.Audit], members, $"/api/batches/{batch.Id}/report");
    }

    /// <summary>What an operator can do with a batch in this state (the console shows these buttons).</summary>
    public static IReadOnlyList<string> ActionsOf(BatchState state) => state switch
    {
        BatchState.AwaitingApproval => ["approve", "reject"],
        BatchState.Running => ["pause", "cancel"],
        BatchState.Paused => ["resume", "cancel"],
        _ => [],
    };
}

/// <summary>One person of a batch: the row, the plan (found or why not, target and rule), and where they are now.</summary>
public sealed record MemberView(
    int Line,
    string? WorkEmail,
    string? HrisId,
    string? Name,
    MemberPlan Plan,
    string? PlanDetail,
    string? LeaverZohoId,
    string? TargetZohoId,
    string? TargetEmail,
    BatchTargetRule? TargetRule,
    string? TargetReason,
    string State,
    string OffboardingId,
    string? StatusUrl)
{
    public static MemberView From(BatchMember member, IReadOnlyDictionary<string, OffboardingState> states)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new MemberView(member.Line, member.WorkEmail, member.HrisId, member.Name, member.Plan, member.PlanDetail, member.LeaverZohoId,
            member.TargetZohoId, member.TargetEmail, member.TargetRule, member.TargetReason, BatchProgress.StateOf(member, states), member.OffboardingId,
            member.Status == MemberStatus.Started ? $"/api/offboardings/{member.OffboardingId}" : null);
    }

    /// <summary>Problems first (the plan table's order), then by line.</summary>
    public static IReadOnlyList<MemberView> ProblemsFirst(IEnumerable<BatchMember> members, IReadOnlyDictionary<string, OffboardingState> states) =>
        [.. members.OrderBy(m => m.Plan == MemberPlan.Ready ? 1 : 0).ThenBy(m => m.Line).Select(m => From(m, states))];
}
