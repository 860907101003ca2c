using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Zoho.Crm;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Shares the Zoho token between instances (Zoho issues 10 per 10 minutes), sealed so that storage readers get no usable
/// token. Storage trouble or a row that does not open counts as not cached, never as a failed Zoho call.
/// </summary>
public sealed partial class TableTokenCache(PipelineStorage storage, Sealer sealer, TimeProvider time, ILogger<TableTokenCache> logger) : IZohoTokenCache
{
    private const string Partition = "token";
    private const string SealedColumn = "Token";

    // The local copy is trusted only while it is well outside the Zoho client's refresh skew (5 minutes by
    // default); nearer expiry the table is read, so a token another instance refreshed is picked up.
    private static readonly TimeSpan LocalMargin = TimeSpan.FromMinutes(6);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = storage.Tokens;
    private readonly ConcurrentDictionary<string, ZohoAccessToken> _local = new(StringComparer.Ordinal);

    public async ValueTask<ZohoAccessToken?> GetAsync(string cacheKey, CancellationToken cancellationToken = default)
    {
        var row = RowKey(cacheKey);
        if (_local.TryGetValue(row, out var local) && local.ExpiresOn - time.GetUtcNow() > LocalMargin)
        {
            return local;
        }

        try
        {
            var entity = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, row, [SealedColumn], cancellationToken).ConfigureAwait(false);
            if (!entity.HasValue)
            {
                return null;
            }

            if (sealer.TryOpen(entity.Value!.GetString(SealedColumn), row) is not { } json
                || JsonSerializer.Deserialize<ZohoAccessToken>(json, Json) is not { Value.Length: > 0 } token)
            {
                // Sealed under another key (a rotated client secret) or by an older version: refresh and overwrite.
                LogUnreadable(logger);
                return null;
            }

            _local[row] = token;
            return token;
        }
        catch (RequestFailedException ex)
        {
            LogUnavailable(logger, "read", ex.Status);
            return null;
        }
    }

    public async ValueTask SetAsync(string cacheKey, ZohoAccessToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var row = RowKey(cacheKey);
        _local[row] = token;
        var entity = new TableEntity(Partition, row) { [SealedColumn] = sealer.Seal(JsonSerializer.Serialize(token, Json), row) };
        try
        {
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            LogUnavailable(logger, "write", ex.Status);
        }
    }

    // The cache key is derived from client id and refresh token: hash it again so no part of it lands in a key.
    private static string RowKey(string cacheKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cacheKey)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho token cache {Operation} failed (storage answered {Status}); continuing without the shared cache")]
    private static partial void LogUnavailable(ILogger logger, string operation, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared Zoho token does not open with this instance's key; refreshing it")]
    private static partial void LogUnreadable(ILogger logger);
}
