namespace Zoho.Crm.Sandbox.Control;

/// <summary>CRM calls in flight now, the most seen at once (rejected arrivals included), the limit, and how many were refused.</summary>
public sealed record ConcurrencySnapshot(int Current, int Peak, int Limit, long Rejected);
