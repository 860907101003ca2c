using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Sandbox.Engine;

/// <summary>
/// A scheduled transfer_and_delete. It is <c>scheduled</c> for the first fifth of its duration, then
/// <c>in_progress</c>, then ends; the org changes only when it ends (as in Zoho, "success" means scheduled).
/// </summary>
public sealed class TransferJob
{
    public required string JobId { get; init; }
    public required string UserId { get; init; }
    public string? TransferToId { get; init; }
    public bool TransferRecords { get; init; }
    public bool TransferAssignment { get; init; }
    public bool TransferCriteria { get; init; }
    public string? MoveSubordinatesToId { get; init; }
    public required DateTimeOffset ScheduledAt { get; init; }
    public DateTimeOffset DueAt { get; set; }
    public bool WillFail { get; set; }
    public string? Reason { get; set; }

    /// <summary>Set once the end has been applied to the org (or the failure recorded).</summary>
    public bool Finished { get; set; }

    public bool IsDue(DateTimeOffset now) => now >= DueAt;

    public string StatusAt(DateTimeOffset now)
    {
        if (Finished || IsDue(now))
        {
            return WillFail ? JobStatus.Failed : JobStatus.Completed;
        }

        var scheduledPhase = TimeSpan.FromTicks((DueAt - ScheduledAt).Ticks / 5);
        return now < ScheduledAt + scheduledPhase ? JobStatus.Scheduled : JobStatus.InProgress;
    }

    public JobSnapshot Snapshot(DateTimeOffset now) => new(
        JobId, UserId, TransferToId, TransferRecords, TransferAssignment, TransferCriteria, MoveSubordinatesToId,
        StatusAt(now), Finished && WillFail ? Reason : null, ScheduledAt, DueAt);
}
