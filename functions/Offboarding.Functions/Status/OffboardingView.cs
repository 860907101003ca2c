using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Status;

/// <summary>What the status API shows of an offboarding: state, Zoho job, target and why, and every audit step.</summary>
public sealed record OffboardingView(
    string Id,
    string State,
    string Operation,
    string Source,
    string SourceEventId,
    bool DryRun,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset EffectiveAt,
    EmployeeIdentity? Employee,
    string? LeaverZohoId,
    TargetView? Target,
    string? SubordinatesTargetZohoId,
    string? ZohoJobId,
    string? LastJobStatus,
    DateTimeOffset? UnconfirmedSince,
    DateTimeOffset? WaitingForSlotSince,
    int PollCount,
    DateTimeOffset? StalledAt,
    DateTimeOffset? FinishedAt,
    FailureView? Failure,
    IReadOnlyList<string>? PlannedCalls,
    IReadOnlyList<string> Events,
    IReadOnlyList<AuditEntry> Audit)
{
    public static OffboardingView From(OffboardingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new OffboardingView(
            record.Id,
            record.State.ToWireName(),
            record.Request.Operation.ToWireName(),
            record.Request.Source,
            record.Request.SourceEventId,
            record.Request.DryRun,
            record.CreatedAt,
            record.UpdatedAt,
            record.EffectiveAt,
            record.Request.Employee,
            record.LeaverZohoId,
            record.TargetZohoId is null && record.TargetRule is null ? null : new TargetView(record.TargetZohoId, record.TargetRule?.ToString().ToLowerInvariant(), record.TargetReason),
            record.SubordinatesTargetZohoId,
            record.ZohoJobId,
            record.LastJobStatus,
            record.UnconfirmedSince,
            record.WaitingForSlotSince,
            record.PollCount,
            record.StalledAt,
            record.FinishedAt,
            record.FailureCode is null ? null : new FailureView(record.FailureCode, record.FailureMessage),
            record.PlannedCalls.Count == 0 ? null : [.. record.PlannedCalls],
            [.. record.PublishedEvents.Select(e => e.ToEventName())],
            [.. record.Audit]);
    }
}
