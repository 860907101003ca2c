using System.Security.Cryptography;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.OAuth;

/// <summary>
/// Issued access tokens with Zoho's limits: N new tokens per refresh token per window (10 per 10 min) and
/// at most M active per refresh token (15; a new one invalidates the oldest). Not thread-safe: use under the state lock.
/// </summary>
public sealed class AccessTokenStore
{
    private readonly Dictionary<string, AccessGrant> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _issueTimes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _activeByRefresh = new(StringComparer.Ordinal);

    /// <summary>A new access token, or null when the refresh token hit the issue limit for the current window.</summary>
    public AccessGrant? TryIssue(FixtureRefreshToken refresh, SandboxSettings settings, DateTimeOffset now)
    {
        var times = GetOrAdd(_issueTimes, refresh.Token);
        times.RemoveAll(t => t <= now - TimeSpan.FromSeconds(settings.TokenWindowSeconds));
        if (times.Count >= settings.TokensPerWindow)
        {
            return null;
        }

        times.Add(now);
        var grant = new AccessGrant(NewToken(), refresh.Token, refresh.UserId, [.. refresh.Scopes], now, now.AddSeconds(settings.TokenLifetimeSeconds));
        _byToken[grant.AccessToken] = grant;

        var active = GetOrAdd(_activeByRefresh, refresh.Token);
        active.Add(grant.AccessToken);
        while (active.Count > settings.MaxActiveTokensPerRefreshToken)
        {
            _byToken.Remove(active[0]);
            active.RemoveAt(0);
        }

        return grant;
    }

    /// <summary>The grant behind a token, or null when unknown, revoked, evicted or expired.</summary>
    public AccessGrant? Find(string accessToken, DateTimeOffset now) =>
        _byToken.TryGetValue(accessToken, out var grant) && grant.ExpiresAt > now ? grant : null;

    public int ActiveCount(DateTimeOffset now) => _byToken.Values.Count(g => g.ExpiresAt > now);

    /// <summary>Invalidates every issued access token (the issue history stays, as in Zoho).</summary>
    public void ExpireAll()
    {
        _byToken.Clear();
        _activeByRefresh.Clear();
    }

    public void RevokeFor(string refreshToken)
    {
        if (_activeByRefresh.Remove(refreshToken, out var tokens))
        {
            tokens.ForEach(t => _byToken.Remove(t));
        }
    }

    public void Clear()
    {
        ExpireAll();
        _issueTimes.Clear();
    }

    private static List<T> GetOrAdd<T>(Dictionary<string, List<T>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }

    private static string NewToken() =>
        $"1000.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
