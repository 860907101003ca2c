namespace Zoho.Crm.Sandbox.Api;

/// <summary>One emulated endpoint: its log name, HTTP methods, path, accepted scopes and handler.</summary>
/// <param name="Scopes">Any one of these scopes grants access (an <c>.ALL</c> scope covers its family).</param>
/// <param name="IsCrm">CRM API calls need a token and count against concurrency and credits; accounts calls do not.</param>
public sealed record ZohoRoute(
    string Name,
    IReadOnlyList<string> Methods,
    RoutePattern Pattern,
    IReadOnlyList<string> Scopes,
    bool IsCrm,
    Func<ApiCall, ZohoResult> Handle);
