namespace Offboarding.Bench.Harness.Stack;

/// <summary>One generated leaver: the email the HRIS sends, the Zoho user it resolves to, and their manager.</summary>
public sealed record Leaver(string Email, string ZohoId, string ManagerId);
