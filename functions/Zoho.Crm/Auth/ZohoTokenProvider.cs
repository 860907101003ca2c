using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flurl.Http.Content;
using Microsoft.Extensions.Logging;

namespace Zoho.Crm;

/// <summary>
/// Obtains access tokens with the refresh-token grant, one refresh at a time per client (callers wait for the one under
/// way), to stay far from Zoho's 10-tokens-per-10-minutes limit.
/// </summary>
internal sealed class ZohoTokenProvider(ZohoClientContext context, Uri accountsUri, IZohoTokenCache cache) : IDisposable
{
    private const string TokenPath = "/oauth/v2/token";

    private readonly ZohoCrmClientOptions _options = context.Options;
    private readonly ZohoFlurlClients _http = context.Http;
    private readonly IZohoTokenCache _cache = cache;
    private readonly SecretRedactor _redactor = context.Redactor;
    private readonly ILogger _logger = context.Logger;
    private readonly TimeProvider _time = context.Time;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private ZohoAccessToken? _current;
    private int _tokenRequests;

    /// <summary>
    /// Key under which the token is cached: a hash of accounts server, client id and refresh token, so clients
    /// for different orgs never share a token and the key itself reveals nothing.
    /// </summary>
    public string CacheKey { get; } = BuildCacheKey(accountsUri, context.Options.ClientId, context.Options.RefreshToken);

    /// <summary>Number of token requests this provider sent (for diagnostics and tests).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>A token that is fresh now, refreshing it if needed.</summary>
    public ValueTask<ZohoAccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return current is not null && current.IsFresh(_time.GetUtcNow(), _options.RefreshSkew)
            ? ValueTask.FromResult(current)
            : new ValueTask<ZohoAccessToken>(RefreshAsync(rejected: null, cancellationToken));
    }

    /// <summary>
    /// A token other than <paramref name="rejected"/> (which Zoho refused). Another caller or another process may
    /// already have replaced it, in which case no new token is requested.
    /// </summary>
    public async Task<ZohoAccessToken> RefreshAsync(ZohoAccessToken? rejected, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var current = Volatile.Read(ref _current);
            if (IsUsable(current, rejected, now))
            {
                return current!;
            }

            var cached = await _cache.GetAsync(CacheKey, cancellationToken).ConfigureAwait(false);
            if (IsUsable(cached, rejected, now))
            {
                _redactor.Remember(cached!.Value);
                Volatile.Write(ref _current, cached);
                return cached;
            }

            var issued = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            await _cache.SetAsync(CacheKey, issued, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, issued);
            return issued;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public void Dispose() => _refreshGate.Dispose();

    private bool IsUsable(ZohoAccessToken? token, ZohoAccessToken? rejected, DateTimeOffset now) =>
        token is not null && token.IsFresh(now, _options.RefreshSkew) &&
        (rejected is null || !string.Equals(token.Value, rejected.Value, StringComparison.Ordinal));

    private async Task<ZohoAccessToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tokenRequests);
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);

        int status;
        JsonElement? body;
        try
        {
            var accounts = _http.Accounts;
            using var form = new CapturedUrlEncodedContent(accounts.Settings.UrlEncodedSerializer.Serialize(new KeyValuePair<string, string>[]
            {
                new("grant_type", "refresh_token"),
                new("client_id", _options.ClientId),
                new("client_secret", _options.ClientSecret),
                new("refresh_token", _options.RefreshToken),
            }));
            using var response = await accounts.Request("oauth", "v2", "token")
                .SendUnwrappedAsync(HttpMethod.Post, form, timeout.Token).ConfigureAwait(false);
            status = response.StatusCode;
            body = ZohoJson.Parse(await response.GetBytesAsync().ConfigureAwait(false));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(ZohoErrorCodes.ClientTimeout, null, "the token request timed out", null, ex, started);
        }
        catch (HttpRequestException ex)
        {
            throw Fail(ZohoErrorCodes.ClientConnectionFailed, null, _redactor.Redact(ex.Message), null, ex, started);
        }

        // Zoho Accounts reports most failures as HTTP 200 with an "error" field.
        if (body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("error", out var error))
        {
            var code = error.ValueKind == JsonValueKind.String ? error.GetString() ?? "" : error.GetRawText();
            var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            throw Fail(code.Length == 0 ? ZohoErrorCodes.ClientUnexpectedResponse : code, status, _redactor.Redact(description), root, null, started);
        }

        if (status is < 200 or > 299 || body is not { ValueKind: JsonValueKind.Object } ok ||
            !ok.TryGetProperty("access_token", out var tokenElement) || tokenElement.ValueKind != JsonValueKind.String ||
            string.IsNullOrEmpty(tokenElement.GetString()))
        {
            var code = status is < 200 or > 299 ? $"HTTP_{status}" : ZohoErrorCodes.ClientUnexpectedResponse;
            throw Fail(code, status, "the token endpoint sent no access_token", null, null, started);
        }

        var value = tokenElement.GetString()!;
        _redactor.Remember(value);
        var now = _time.GetUtcNow();
        var token = new ZohoAccessToken(value, now + ReadLifetime(ok), ReadApiDomain(ok), now);
        var elapsed = ElapsedMs(started);
        ZohoLog.TokenIssued(_logger, _http.AccountsHost, token.ExpiresOn, token.ApiDomain);
        ZohoLog.CallCompleted(_logger, ZohoOperation.RefreshAccessToken, "POST", TokenPath, status, null, elapsed, 1);
        return token;
    }

    private ZohoCrmException Fail(string code, int? status, string? message, JsonElement? details, Exception? inner, long started)
    {
        // The OAuth body can echo request fields; keep only the error fields as details.
        JsonElement? safeDetails = details is { } d ? ZohoJson.Pick(d, "error", "status") : null;
        var elapsed = ElapsedMs(started);
        var exception = new ZohoCrmException(new ZohoErrorFacts(code, ZohoOperation.RefreshAccessToken, status, message, safeDetails),
            ZohoCrmException.Describe(ZohoOperation.RefreshAccessToken, code, status, message), inner);
        ZohoLog.CallFailed(_logger, ZohoOperation.RefreshAccessToken, "POST", TokenPath, code, exception.Classification, elapsed, 1);
        return exception;
    }

    private static TimeSpan ReadLifetime(JsonElement body)
    {
        // Older responses put milliseconds in expires_in and seconds in expires_in_sec.
        if (ZohoJson.TryGetNumber(body, "expires_in_sec", out var seconds) ||
            ZohoJson.TryGetNumber(body, "expires_in", out seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(seconds, 1));
        }

        return TimeSpan.FromHours(1);
    }

    private static string? ReadApiDomain(JsonElement body) =>
        body.TryGetProperty("api_domain", out var domain) && domain.ValueKind == JsonValueKind.String &&
        Uri.TryCreate(domain.GetString(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri.TrimEnd('/')
            : null;

    private static string BuildCacheKey(Uri accountsUri, string clientId, string refreshToken)
    {
        var material = Encoding.UTF8.GetBytes($"{accountsUri.AbsoluteUri.TrimEnd('/')}\n{clientId}\n{refreshToken}");
        return "zoho-token-" + Convert.ToHexStringLower(SHA256.HashData(material))[..32];
    }

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
