using System.Text;
using System.Text.Json;
using Azure.Core;

namespace Offboarding.Functions.Tests.Hosting.Storage;

/// <summary>
/// Stands in for Entra ID, which cannot run here: issues unsigned JWTs with the claims Azurite's
/// <c>--oauth basic</c> mode checks (issuer, audience, lifetime) and records the scopes it was asked for.
/// Azurite itself is real; only the identity provider is faked.
/// </summary>
internal sealed class FakeEntraTokenCredential : TokenCredential
{
    private readonly string _audience;
    private readonly TimeSpan _lifetime;
    private readonly List<string> _scopes = [];

    public FakeEntraTokenCredential(string audience = "https://storage.azure.com", TimeSpan? lifetime = null)
    {
        _audience = audience;
        _lifetime = lifetime ?? TimeSpan.FromHours(1);
    }

    public IReadOnlyList<string> RequestedScopes
    {
        get
        {
            lock (_scopes)
            {
                return [.. _scopes];
            }
        }
    }

    /// <summary>The last token handed out, so tests can check it never shows up in errors.</summary>
    public string? LastToken { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_scopes)
        {
            _scopes.AddRange(requestContext.Scopes);
        }

        var now = DateTimeOffset.UtcNow;
        var expires = now + _lifetime;
        var claims = new Dictionary<string, object>
        {
            ["aud"] = _audience,
            ["iss"] = "https://sts.windows.net/00000000-0000-0000-0000-000000000001/",
            ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = Guid.NewGuid().ToString(),
            ["tid"] = "00000000-0000-0000-0000-000000000001",
        };
        LastToken = $"{Base64Url(new { alg = "RS256", typ = "JWT" })}.{Base64Url(claims)}.{Base64Url(Guid.NewGuid().ToByteArray())}";
        // Report a long lifetime even for an "expired" token so Azure.Core does not refresh it away.
        return new AccessToken(LastToken, now.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Base64Url(object value) => Base64Url(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
