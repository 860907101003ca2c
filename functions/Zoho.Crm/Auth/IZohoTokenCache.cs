namespace Zoho.Crm;

/// <summary>
/// Where access tokens are kept between calls, and optionally shared between processes. Zoho issues at most
/// 10 access tokens per refresh token per 10 minutes, so every instance of an app should share one.
/// Implementations must be thread-safe; a read may return an expired token (the client checks expiry).
/// </summary>
public interface IZohoTokenCache
{
    /// <summary>The token stored under <paramref name="cacheKey"/>, or null.</summary>
    ValueTask<ZohoAccessToken?> GetAsync(string cacheKey, CancellationToken cancellationToken = default);

    /// <summary>Stores (replaces) the token under <paramref name="cacheKey"/>.</summary>
    ValueTask SetAsync(string cacheKey, ZohoAccessToken token, CancellationToken cancellationToken = default);
}
