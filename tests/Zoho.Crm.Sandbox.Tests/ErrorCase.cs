using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>
/// One row of a seed page's "Possible Errors" list: the trigger as a request, the documented code and HTTP
/// status, and (where it tells rows with the same code apart) a details key and value.
/// </summary>
public sealed record ErrorCase(
    string Page,
    string Trigger,
    HttpMethod Method,
    string Path,
    int Status,
    string Code)
{
    /// <summary>Which refresh token the caller uses (null: no Authorization header at all).</summary>
    public string? RefreshToken { get; init; } = Fixtures.DefaultOrg.RefreshToken;

    /// <summary>A raw token to send instead of one obtained from <see cref="RefreshToken"/>.</summary>
    public string? RawToken { get; init; }

    public string? Body { get; init; }

    public (string Key, string Value)? Detail { get; init; }

    /// <summary>True when the documented shape is the error wrapped in the resource array.</summary>
    public bool? Wrapped { get; init; }

    /// <summary>Settings to apply before the call (e.g. a scripted fault).</summary>
    public Func<SandboxSettings, SandboxSettings>? Arrange { get; init; }

    public override string ToString() => $"{Page}: {Trigger}";
}
