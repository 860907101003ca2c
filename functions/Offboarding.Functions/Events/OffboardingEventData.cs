namespace Offboarding.Functions.Events;

/// <summary>The <c>data</c> of an offboarding CloudEvent. Ids and codes only, no names or emails: events travel through
/// intermediaries that may log them; subscribers read details from the status API.</summary>
public sealed record OffboardingEventData(
    string OffboardingId,
    string Outcome,
    string State,
    string Operation,
    bool DryRun,
    string? ZohoJobId,
    string? LeaverZohoId,
    string? TargetZohoId,
    string? TargetRule,
    string? FailureCode,
    string? FailureMessage,
    IReadOnlyList<string>? PlannedCalls,
    string StatusUrl,
    int Attempt,
    string? Actor,
    string? Reason);
