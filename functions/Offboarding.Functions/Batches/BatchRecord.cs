using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Batches;

/// <summary>A batch (a layoff) as stored: what was asked, the plan's counts, the estimate, the decisions and their authors.</summary>
public sealed class BatchRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset? StartAt { get; init; }

    public required string SubmittedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public BatchState State { get; set; } = BatchState.AwaitingApproval;

    public int Total { get; init; }

    /// <summary>How many people the plan found something wrong with, per finding (ready ones included).</summary>
    public Dictionary<MemberPlan, int> PlanCounts { get; init; } = [];

    public BatchEstimate? Estimate { get; set; }

    public OperatorAction? Approval { get; set; }

    public OperatorAction? Rejection { get; set; }

    public OperatorAction? Cancellation { get; set; }

    /// <summary>When the first person was started: the pace is measured from here.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>A dispatcher is starting people until then (its lease, ADR 007): a cancel waits for it before it reads who started.</summary>
    public DateTimeOffset? StartingUntil { get; set; }

    /// <summary>The <c>batch.finished</c> event went out.</summary>
    public bool FinishAnnounced { get; set; }

    /// <summary>The progress when the batch ended (finished, cancelled and announced, or rejected and settled): the list of
    /// batches shows this instead of reading every person of every batch it ever ran.</summary>
    public BatchProgress? FinalProgress { get; set; }

    public IList<AuditEntry> Audit { get; init; } = [];

    public int Ready => PlanCounts.GetValueOrDefault(MemberPlan.Ready);

    public bool IsLive => State is BatchState.AwaitingApproval or BatchState.Running or BatchState.Paused;

    public void Record(DateTimeOffset at, string step, string outcome, string? detail = null) =>
        Audit.Add(new AuditEntry(at, step, outcome, detail));
}
