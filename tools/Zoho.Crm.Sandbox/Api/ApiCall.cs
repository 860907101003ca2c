using Zoho.Crm.Sandbox.OAuth;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>One Zoho request as a handler sees it: route values, parameters, raw body and the caller.</summary>
public sealed class ApiCall
{
    public required IReadOnlyDictionary<string, string> RouteValues { get; init; }

    /// <summary>Query parameters (and form fields for the token endpoint). Names are case-sensitive, as Zoho's are.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public string Body { get; init; } = "";

    /// <summary>The authenticated caller; null only on the accounts (token) endpoints.</summary>
    public AccessGrant? Caller { get; init; }

    /// <summary>Scheme, host and port the request came to; the token endpoint answers it as <c>api_domain</c>.</summary>
    public required string ApiDomain { get; init; }

    public string Version => RouteValues.GetValueOrDefault("version") ?? "";

    public string? Route(string name) => RouteValues.GetValueOrDefault(name);

    /// <summary>The parameter's value, or null when absent or blank.</summary>
    public string? Parameter(string name) =>
        Parameters.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public AccessGrant RequireCaller() => Caller ?? throw new InvalidOperationException("This endpoint requires an authenticated caller.");
}
