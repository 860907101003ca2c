namespace Offboarding.Functions.Domain;

/// <summary>One step in an offboarding's history: when, what, and how it went.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Step, string Outcome, string? Detail = null);
