namespace Zoho.Crm.Sandbox.Control;

/// <summary>How many calls to one endpoint ended with one HTTP status and Zoho code.</summary>
public sealed record CallCount(string Endpoint, int Status, string? Code, int Count);
