namespace Offboarding.Functions.Triggers;

/// <summary>A timer tick as the Functions timer trigger describes it.</summary>
public sealed record TimerTriggerInfo(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next);
