using System.Collections.Concurrent;

namespace Zoho.Crm;

/// <summary>The default token cache: this process only.</summary>
public sealed class InMemoryZohoTokenCache : IZohoTokenCache
{
    private readonly ConcurrentDictionary<string, ZohoAccessToken> _tokens = new(StringComparer.Ordinal);

    public ValueTask<ZohoAccessToken?> GetAsync(string cacheKey, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_tokens.TryGetValue(cacheKey, out var token) ? token : null);

    public ValueTask SetAsync(string cacheKey, ZohoAccessToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        _tokens[cacheKey] = token;
        return ValueTask.CompletedTask;
    }
}
