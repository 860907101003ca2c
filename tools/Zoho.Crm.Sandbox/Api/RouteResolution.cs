namespace Zoho.Crm.Sandbox.Api;

/// <summary>Where a request landed: a route, a known path with the wrong method, or nowhere.</summary>
public sealed record RouteResolution(ZohoRoute? Route, bool MethodMismatch, IReadOnlyDictionary<string, string> Values, bool IsCrmPath)
{
    public const string UnknownEndpoint = "unknown";
    public const string InvalidMethodEndpoint = "invalid_method";

    public string EndpointName => Route?.Name ?? (MethodMismatch ? InvalidMethodEndpoint : UnknownEndpoint);
}
