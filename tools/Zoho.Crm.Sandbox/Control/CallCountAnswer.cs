namespace Zoho.Crm.Sandbox.Control;

/// <summary>The answer of <c>GET /__sandbox/calls/count</c>.</summary>
public sealed record CallCountAnswer(int Count);
