using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Contracts;

/// <summary>
/// What the status API shows of an offboarding: state, Zoho job, target and why, every audit step, and what an operator
/// may still do with it.
/// </summary>
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
    DateTimeOffset? WaitingForCreditsSince,
    int PollCount,
    DateTimeOffset? StalledAt,
    DateTimeOffset? FinishedAt,
    FailureView? Failure,
    IReadOnlyList<string>? PlannedCalls,
    IReadOnlyList<string> Events,
    IReadOnlyList<AuditEntry> Audit,
    int Attempt,
    IReadOnlyList<string>? PriorEvents,
    OperatorAction? Cancellation,
    HoldView? Hold,
    ActionsView Actions)
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
            record.TargetZohoId is null && record.TargetRule is null ? null : new TargetView(record.TargetZohoId, record.TargetRule?.ToWireName(), record.TargetReason),
            record.SubordinatesTargetZohoId,
            record.ZohoJobId,
            record.LastJobStatus,
            record.UnconfirmedSince,
            record.WaitingForSlotSince,
            record.WaitingForCreditsSince,
            record.PollCount,
            record.StalledAt,
            record.FinishedAt,
            record.FailureCode is null ? null : new FailureView(record.FailureCode, record.FailureMessage),
            record.PlannedCalls.Count == 0 ? null : [.. record.PlannedCalls],
            [.. record.PublishedEvents.Select(e => e.ToEventName())],
            [.. record.Audit],
            record.Attempt,
            record.PriorEvents.Count == 0 ? null : [.. record.PriorEvents],
            record.Cancellation,
            record.HeldSince is { } heldSince ? new HoldView(heldSince, record.HoldReason) : null,
            new ActionsView(record.CanBeCancelled, record.State == OffboardingState.Failed));
    }
}

/// <summary>Since when, and why, the blast-radius hold keeps an offboarding back.</summary>
public sealed record HoldView(DateTimeOffset Since, string? Reason);

/// <summary>Which operator actions the offboarding's state allows (a retry may still be refused for its failure).</summary>
public sealed record ActionsView(bool Cancel, bool Retry);
