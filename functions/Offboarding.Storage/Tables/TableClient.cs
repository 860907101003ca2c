using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Offboarding.Storage.Pipeline;

namespace Offboarding.Storage.Tables;

/// <summary>
/// A client for one Azure Storage table over the REST API (OData JSON), shaped like Azure.Data.Tables' TableClient.
/// Thread-safe; create one per table and reuse it.
/// </summary>
public class TableClient
{
    private const string MinimalMetadata = "application/json;odata=minimalmetadata";
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly StorageRestPipeline _pipeline;
    private readonly Uri _serviceEndpoint;

    /// <summary>Shared Key Lite auth from a connection string (incl. <c>UseDevelopmentStorage=true</c>).</summary>
    public TableClient(string connectionString, string tableName, StorageClientOptions? options = null)
    {
        var connection = StorageConnection.Parse(connectionString);
        Name = TableName.Validate(tableName, nameof(tableName));
        _serviceEndpoint = connection.TableEndpoint;
        Uri = new Uri($"{_serviceEndpoint.AbsoluteUri.TrimEnd('/')}/{Name}");
        _pipeline = new StorageRestPipeline(StoragePipeline.ForSharedKey(options ?? new StorageClientOptions(), new SharedKeyLitePolicy(connection.Credential)));
    }

    /// <summary>Entra ID auth (e.g. managed identity) for <c>https://&lt;account&gt;.table.core.windows.net</c>.</summary>
    public TableClient(Uri tableServiceEndpoint, string tableName, TokenCredential credential, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tableServiceEndpoint);
        Name = TableName.Validate(tableName, nameof(tableName));
        _serviceEndpoint = tableServiceEndpoint;
        Uri = new Uri($"{_serviceEndpoint.AbsoluteUri.TrimEnd('/')}/{Name}");
        _pipeline = new StorageRestPipeline(StoragePipeline.ForToken(options ?? new StorageClientOptions(), credential));
    }

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
        _pipeline = null!;
        _serviceEndpoint = null!;
        Name = string.Empty;
        Uri = null!;
    }

    public virtual string Name { get; }

    public virtual Uri Uri { get; }

    public virtual async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Post, new Uri($"{_serviceEndpoint.AbsoluteUri.TrimEnd('/')}/Tables"), null);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonBody(message.Request, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status is not (201 or 204) && !(response.Status == 409 && StorageRestPipeline.ErrorCode(response) == "TableAlreadyExists"))
        {
            throw Error(response, "create table");
        }
    }

    /// <returns>True when the table existed and was deleted.</returns>
    public virtual async Task<bool> DeleteIfExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, new Uri($"{_serviceEndpoint.AbsoluteUri.TrimEnd('/')}/Tables('{Name}')"), null);
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw Error(response, "delete table"),
        };
    }

    /// <summary>Inserts a new entity; an existing one with the same keys fails with ErrorCode <c>EntityAlreadyExists</c> (409).</summary>
    public virtual async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken ct = default)
    {
        TableKeys.Validate(entity);
        using var message = CreateMessage(RequestMethod.Post, Uri, null);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonBody(message.Request, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        return response.Status is 201 or 204 ? ResponseETag(response) : throw Error(response, "add entity");
    }

    /// <summary>Inserts or merges/replaces, whatever is stored.</summary>
    public virtual Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default) =>
        WriteAsync(entity, mode, ifMatch: null, "upsert entity", ct);

    /// <summary>
    /// Updates an existing entity only if it is still at <paramref name="ifMatch"/> (use <see cref="ETag.All"/> for
    /// unconditional). A concurrent change fails with status 412 and ErrorCode <c>UpdateConditionNotSatisfied</c>.
    /// </summary>
    public virtual Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("Pass the ETag the entity was read at, or ETag.All to update unconditionally.", nameof(ifMatch));
        }

        return WriteAsync(entity, mode, ifMatch.ToString(), "update entity", ct);
    }

    /// <summary>The entity, or null when there is none with these keys.</summary>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Same parameter name as Azure.Data.Tables, so callers' named arguments survive a swap.")]
    public virtual async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken ct = default)
    {
        TableKeys.Validate(partitionKey, "PartitionKey");
        TableKeys.Validate(rowKey, "RowKey");
        using var message = CreateMessage(RequestMethod.Get, Uri, TableKeys.EntityPath(partitionKey, rowKey));
        AppendSelect(message.Request, select);
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status == 404 && StorageRestPipeline.ErrorCode(response) == "ResourceNotFound")
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw Error(response, "get entity");
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Deserialize(json.RootElement);
        if (entity.ETag == default)
        {
            entity.ETag = ResponseETag(response);
        }

        return entity;
    }

    /// <summary>
    /// Entities matching an OData <paramref name="filter"/> (build it with <see cref="TableFilter.Create"/>), following
    /// continuation tokens until the service has no more, including after short or empty pages.
    /// <paramref name="maxPerPage"/> (1..1000) is the page size (<c>$top</c>), not a total.
    /// </summary>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Same parameter name as Azure.Data.Tables, so callers' named arguments survive a swap.")]
    public virtual async IAsyncEnumerable<TableEntity> QueryAsync(
        string? filter = null,
        int? maxPerPage = null,
        IEnumerable<string>? select = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (maxPerPage is { } top)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(top, 1, nameof(maxPerPage));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(top, 1000, nameof(maxPerPage));
        }

        var selected = select?.ToList();
        (string PartitionKey, string? RowKey)? continuation = null;
        do
        {
            List<TableEntity> page;
            using (var message = CreateMessage(RequestMethod.Get, Uri, "()"))
            {
                var uri = message.Request.Uri;
                if (!string.IsNullOrEmpty(filter))
                {
                    uri.AppendQuery("$filter", filter);
                }

                if (maxPerPage is { } pageSize)
                {
                    uri.AppendQuery("$top", pageSize.ToString(CultureInfo.InvariantCulture));
                }

                AppendSelect(message.Request, selected);
                if (continuation is { } next)
                {
                    uri.AppendQuery("NextPartitionKey", next.PartitionKey);
                    if (next.RowKey is not null)
                    {
                        uri.AppendQuery("NextRowKey", next.RowKey);
                    }
                }

                var response = await SendAsync(message, ct).ConfigureAwait(false);
                if (response.Status != 200)
                {
                    throw Error(response, "query entities");
                }

                using var json = JsonDocument.Parse(response.Content.ToMemory());
                page = json.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Deserialize).ToList();
                continuation = response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition)
                    ? (nextPartition, response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow) ? nextRow : null)
                    : null;
            }

            foreach (var entity in page)
            {
                yield return entity;
            }
        }
        while (continuation is not null);
    }

    /// <summary>
    /// Deletes an entity if it is still at <paramref name="ifMatch"/>; the default deletes whatever is stored (<c>*</c>).
    /// Deleting an entity that is not there is not an error. A concurrent change fails with 412.
    /// </summary>
    public virtual async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken ct = default)
    {
        TableKeys.Validate(partitionKey, "PartitionKey");
        TableKeys.Validate(rowKey, "RowKey");
        using var message = CreateMessage(RequestMethod.Delete, Uri, TableKeys.EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 204 && !(response.Status == 404 && StorageRestPipeline.ErrorCode(response) == "ResourceNotFound"))
        {
            throw Error(response, "delete entity");
        }
    }

    /// <summary>
    /// An entity group transaction: 1..100 operations on distinct entities of one partition, applied all or
    /// nothing. Returns each operation's new ETag (default for deletes). If one operation fails, none is applied
    /// and the exception's <see cref="StorageRequestFailedException.Operation"/> names the failing one.
    /// </summary>
    public virtual async Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        ValidateTransaction(list);

        var (body, contentType) = TableBatch.Build(Uri, list);
        using var message = CreateMessage(RequestMethod.Post, new Uri($"{_serviceEndpoint.AbsoluteUri.TrimEnd('/')}/$batch"), null);
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 202)
        {
            throw Error(response, $"transaction of {list.Count} operations");
        }

        var results = TableBatch.Parse(response);
        var failed = results.Select((r, i) => (r.Status, r.Body, Index: i)).FirstOrDefault(r => r.Status >= 300);
        if (failed.Status != 0)
        {
            throw TransactionError(list, failed.Status, failed.Body, results.Count == 1 && list.Count > 1 ? null : failed.Index, response);
        }

        if (results.Count != list.Count)
        {
            throw new StorageRequestFailedException(
                $"Table '{Name}': transaction answered {results.Count} results for {list.Count} operations.");
        }

        return results.Select(r => r.ETag).ToList();
    }

    private async Task<ETag> WriteAsync(TableEntity entity, TableUpdateMode mode, string? ifMatch, string operation, CancellationToken ct)
    {
        TableKeys.Validate(entity);
        var method = mode switch
        {
            TableUpdateMode.Merge => Merge,
            TableUpdateMode.Replace => RequestMethod.Put,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
        };
        using var message = CreateMessage(method, Uri, TableKeys.EntityPath(entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        SetJsonBody(message.Request, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        return response.Status == 204 ? ResponseETag(response) : throw Error(response, operation);
    }

    private static void ValidateTransaction(List<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > TableBatch.MaxOperations)
        {
            throw new ArgumentException($"A transaction has 1 to {TableBatch.MaxOperations} operations; got {actions.Count}.", nameof(actions));
        }

        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            ArgumentNullException.ThrowIfNull(action, nameof(actions));
            TableKeys.Validate(action.Entity);
            if (action.Entity.PartitionKey != actions[0].Entity.PartitionKey)
            {
                throw new ArgumentException("Every operation of a transaction must be in the same partition.", nameof(actions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"RowKey '{action.Entity.RowKey}' appears twice; a transaction touches each entity once.", nameof(actions));
            }
        }
    }

    /// <summary>
    /// The service reports a failed changeset as one error whose message starts with the failing operation's
    /// index (<c>"2:The specified entity already exists."</c>); that index names the operation in the exception.
    /// </summary>
    private StorageRequestFailedException TransactionError(List<TableTransactionAction> actions, int status, string body, int? index, Response response)
    {
        string? code = null;
        string? serviceMessage = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var error = json.RootElement.GetProperty("odata.error");
            code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
            serviceMessage = error.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Keep status alone when the part carries no documented error body.
        }

        serviceMessage = StorageErrors.FirstLine(serviceMessage);
        if (serviceMessage is not null && IndexPrefix(serviceMessage) is { } reported)
        {
            index = reported.Index;
            serviceMessage = reported.Remainder;
        }

        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        var which = index is { } i && i < actions.Count
            ? $"operation {i} ({actions[i].ActionType} PartitionKey '{actions[i].Entity.PartitionKey}', RowKey '{actions[i].Entity.RowKey}')"
            : "an operation the service did not name";
        return new StorageRequestFailedException(
            status, code, requestId, $"Table '{Name}': transaction of {actions.Count} operations, {which}; nothing was applied", serviceMessage);
    }

    private static (int Index, string Remainder)? IndexPrefix(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? (index, message[(colon + 1)..].Trim())
            : null;
    }

    private HttpMessage CreateMessage(RequestMethod method, Uri target, string? path)
    {
        var message = _pipeline.CreateMessage(method, target, path);
        var request = message.Request;
        request.Headers.SetValue("Accept", MinimalMetadata);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private static void AppendSelect(Request request, IEnumerable<string>? select)
    {
        if (select is not null)
        {
            var names = select.ToList();
            if (names.Count > 0)
            {
                request.Uri.AppendQuery("$select", string.Join(',', names));
            }
        }
    }

    private static void SetJsonBody(Request request, byte[] json)
    {
        request.Headers.SetValue("Content-Type", "application/json");
        request.Content = RequestContent.Create(json);
    }

    private Task<Response> SendAsync(HttpMessage message, CancellationToken ct) => _pipeline.SendAsync(message, ct);

    private static ETag ResponseETag(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : default;

    private StorageRequestFailedException Error(Response response, string operation) =>
        StorageErrors.From(response, $"Table '{Name}': {operation}");
}
