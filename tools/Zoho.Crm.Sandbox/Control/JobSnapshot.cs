namespace Zoho.Crm.Sandbox.Control;

/// <summary>A transfer_and_delete job as the state dump shows it.</summary>
public sealed record JobSnapshot(
    string JobId,
    string UserId,
    string? TransferToId,
    bool TransferRecords,
    bool TransferAssignment,
    bool TransferCriteria,
    string? MoveSubordinatesToId,
    string Status,
    string? Reason,
    DateTimeOffset ScheduledAt,
    DateTimeOffset DueAt);
