namespace Zoho.Crm.Sandbox.OAuth;

/// <summary>An issued access token: whose identity it carries, its scopes and expiry.</summary>
public sealed record AccessGrant(
    string AccessToken,
    string RefreshToken,
    string UserId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>True when any granted scope covers any of the accepted ones (<c>X.ALL</c> covers <c>X.*</c>).</summary>
    public bool HasAnyScope(IReadOnlyList<string> accepted) =>
        accepted.Count == 0 || accepted.Any(required => Scopes.Any(granted => Covers(granted, required)));

    private static bool Covers(string granted, string required)
    {
        if (string.Equals(granted, required, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        const string all = ".ALL";
        return granted.EndsWith(all, StringComparison.OrdinalIgnoreCase)
            && required.StartsWith(granted[..^(all.Length - 1)], StringComparison.OrdinalIgnoreCase);
    }
}
