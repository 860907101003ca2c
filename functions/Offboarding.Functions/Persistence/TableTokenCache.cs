using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Offboarding.Storage.Tables;
using Zoho.Crm;

namespace Offboarding.Functions.Persistence;

/// <summary>
/// Shares the Zoho access token across every instance through the <c>zohotokens</c> table: Zoho issues at
/// most 10 access tokens per refresh token per 10 minutes, so instances scaling out must not each refresh.
/// A per-process copy saves the table read while the token is fresh. Storage trouble degrades to
/// "not cached" (the client refreshes) rather than failing the Zoho call.
/// </summary>
public sealed partial class TableTokenCache : IZohoTokenCache
{
    private const string Partition = "token";

    // The local copy is trusted only while it is well outside the Zoho client's refresh skew (5 minutes by
    // default); nearer expiry the table is read, so a token another instance refreshed is picked up.
    private static readonly TimeSpan LocalMargin = TimeSpan.FromMinutes(6);

    private readonly TableClient _table;
    private readonly PipelineStorage _storage;
    private readonly TimeProvider _time;
    private readonly ILogger<TableTokenCache> _logger;
    private readonly ConcurrentDictionary<string, ZohoAccessToken> _local = new(StringComparer.Ordinal);

    public TableTokenCache(PipelineStorage storage, TimeProvider time, ILogger<TableTokenCache> logger)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _table = storage.Tokens;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async ValueTask<ZohoAccessToken?> GetAsync(string cacheKey, CancellationToken cancellationToken = default)
    {
        var row = RowKey(cacheKey);
        if (_local.TryGetValue(row, out var local) && local.ExpiresOn - _time.GetUtcNow() > LocalMargin)
        {
            return local;
        }

        try
        {
            await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            var entity = await _table.GetEntityIfExistsAsync(Partition, row, ct: cancellationToken).ConfigureAwait(false);
            if (entity?.GetString("Value") is not { Length: > 0 } value || entity.GetDateTimeOffset("ExpiresOn") is not { } expiresOn)
            {
                return null;
            }

            var token = new ZohoAccessToken(value, expiresOn, entity.GetString("ApiDomain"), entity.GetDateTimeOffset("IssuedOn"));
            _local[row] = token;
            return token;
        }
        catch (Azure.RequestFailedException ex)
        {
            LogUnavailable(_logger, "read", ex.Status);
            return null;
        }
    }

    public async ValueTask SetAsync(string cacheKey, ZohoAccessToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var row = RowKey(cacheKey);
        _local[row] = token;
        var entity = new TableEntity(Partition, row)
        {
            ["Value"] = token.Value,
            ["ExpiresOn"] = token.ExpiresOn,
            ["ApiDomain"] = token.ApiDomain,
            ["IssuedOn"] = token.IssuedOn,
        };
        try
        {
            await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            LogUnavailable(_logger, "write", ex.Status);
        }
    }

    // The cache key is derived from client id and refresh token: hash it again so no part of it lands in a key.
    private static string RowKey(string cacheKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cacheKey)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho token cache {Operation} failed (storage answered {Status}); continuing without the shared cache")]
    private static partial void LogUnavailable(ILogger logger, string operation, int status);
}
