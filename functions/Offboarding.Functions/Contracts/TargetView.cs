namespace Offboarding.Functions.Contracts;

/// <summary>Who received the leaver's records, by which rule (explicit, manager, fallback) and why.</summary>
public sealed record TargetView(string? ZohoUserId, string? Rule, string? Reason);
