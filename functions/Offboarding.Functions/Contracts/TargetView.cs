namespace Offboarding.Functions.Contracts;

/// <summary>Who received the leaver's records, by which rule (explicit, manager, manager_above, fallback) and why.</summary>
public sealed record TargetView(string? ZohoUserId, string? Rule, string? Reason);
