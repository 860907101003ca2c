namespace Zoho.Crm;

/// <summary>
/// Where access tokens are kept, shareable between processes: Zoho issues at most 10 per refresh token per 10 minutes.
/// Must be thread-safe; a read may return an expired token (the client checks expiry).
/// </summary>
public interface IZohoTokenCache
{
    /// <summary>The token stored under <paramref name="cacheKey"/>, or null.</summary>
    ValueTask<ZohoAccessToken?> GetAsync(string cacheKey, CancellationToken cancellationToken = default);

    /// <summary>Stores (replaces) the token under <paramref name="cacheKey"/>.</summary>
    ValueTask SetAsync(string cacheKey, ZohoAccessToken token, CancellationToken cancellationToken = default);
}
