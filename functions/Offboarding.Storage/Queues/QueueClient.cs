using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Offboarding.Storage.Pipeline;

namespace Offboarding.Storage.Queues;

/// <summary>
/// A client for one Azure Storage queue over the REST API, shaped like Azure.Storage.Queues' QueueClient.
/// Thread-safe; create one per queue and reuse it.
/// </summary>
public class QueueClient
{
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    private readonly StorageRestPipeline _pipeline;
    private readonly QueueMessageEncoding _encoding;

    /// <summary>Shared Key auth from a connection string (incl. <c>UseDevelopmentStorage=true</c>).</summary>
    public QueueClient(string connectionString, string queueName, StorageClientOptions? options = null)
    {
        var connection = StorageConnection.Parse(connectionString);
        Name = QueueName.Validate(queueName, nameof(queueName));
        Uri = new Uri($"{connection.QueueEndpoint.AbsoluteUri.TrimEnd('/')}/{Name}");
        options ??= new StorageClientOptions();
        _encoding = options.MessageEncoding;
        _pipeline = new StorageRestPipeline(StoragePipeline.ForSharedKey(options, new SharedKeyPolicy(connection.Credential)));
    }

    /// <summary>Entra ID auth (e.g. managed identity) for <c>https://&lt;account&gt;.queue.core.windows.net/&lt;queue&gt;</c>.</summary>
    public QueueClient(Uri queueUri, TokenCredential credential, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queueUri);
        Uri = new Uri(queueUri.AbsoluteUri.TrimEnd('/'));
        Name = QueueName.Validate(Uri.AbsolutePath.Split('/')[^1], nameof(queueUri));
        options ??= new StorageClientOptions();
        _encoding = options.MessageEncoding;
        _pipeline = new StorageRestPipeline(StoragePipeline.ForToken(options, credential));
    }

    /// <summary>For mocking.</summary>
    protected QueueClient()
    {
        _pipeline = null!;
        Name = string.Empty;
        Uri = null!;
    }

    public virtual string Name { get; }

    public virtual Uri Uri { get; }

    public virtual async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Put, null);
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        // 201 created, 204 already there; 409 QueueAlreadyExists only means it exists with other metadata.
        if (response.Status is not (201 or 204) && !(response.Status == 409 && StorageRestPipeline.ErrorCode(response) == "QueueAlreadyExists"))
        {
            throw Error(response, "create queue");
        }
    }

    /// <returns>True when the queue existed and was deleted.</returns>
    public virtual async Task<bool> DeleteIfExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, null);
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw Error(response, "delete queue"),
        };
    }

    /// <summary>
    /// Sends a message. <paramref name="visibilityTimeout"/> delays its first delivery (0..7 days);
    /// <paramref name="timeToLive"/> defaults to 7 days, <see cref="Timeout.InfiniteTimeSpan"/> or -1 s means never expires.
    /// </summary>
    /// <exception cref="ArgumentException">The encoded text is over 64 KiB, or a time span is out of range; nothing is sent.</exception>
    public virtual async Task<SendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken ct = default)
    {
        var encoded = QueueMessageCodec.Encode(messageText, _encoding, nameof(messageText));
        var ttlSeconds = timeToLive is { } ttl ? TimeToLiveSeconds(ttl) : (long?)null;
        var visibilitySeconds = visibilityTimeout is { } v ? Seconds(v, TimeSpan.Zero, MaxVisibility, nameof(visibilityTimeout)) : (long?)null;
        if (visibilitySeconds is { } vs && ttlSeconds is { } ts && ts != -1 && vs >= ts)
        {
            throw new ArgumentException("The visibility timeout must be shorter than the time to live.", nameof(visibilityTimeout));
        }

        using var message = CreateMessage(RequestMethod.Post, "/messages");
        if (visibilitySeconds is { } visibility)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", visibility.ToString(CultureInfo.InvariantCulture));
        }

        if (ttlSeconds is { } seconds)
        {
            message.Request.Uri.AppendQuery("messagettl", seconds.ToString(CultureInfo.InvariantCulture));
        }

        SetXmlBody(message.Request, QueueMessageCodec.Body(encoded));
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw Error(response, "send message");
        }

        var item = QueueMessageList.Read(response).FirstOrDefault()
            ?? throw new FormatException("The queue service answered a sent message without a receipt.");
        return new SendReceipt(
            QueueMessageList.Text(item, "MessageId"),
            QueueMessageList.Text(item, "PopReceipt"),
            QueueMessageList.Date(item, "InsertionTime"),
            QueueMessageList.Date(item, "ExpirationTime"),
            QueueMessageList.Date(item, "TimeNextVisible"));
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> (1..32) messages, hiding them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    public virtual async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken ct = default)
    {
        using var message = GetMessagesRequest(maxMessages);
        if (visibilityTimeout is { } visibility)
        {
            var seconds = Seconds(visibility, TimeSpan.FromSeconds(1), MaxVisibility, nameof(visibilityTimeout));
            message.Request.Uri.AppendQuery("visibilitytimeout", seconds.ToString(CultureInfo.InvariantCulture));
        }

        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Error(response, "receive messages");
        }

        return QueueMessageList.Read(response).Select(item =>
        {
            var (text, failed) = DecodeText(item);
            return new QueueMessage(
                QueueMessageList.Text(item, "MessageId"),
                QueueMessageList.Text(item, "PopReceipt"),
                text,
                QueueMessageList.Long(item, "DequeueCount"),
                QueueMessageList.Date(item, "InsertionTime"),
                QueueMessageList.Date(item, "ExpirationTime"),
                QueueMessageList.Date(item, "TimeNextVisible"),
                failed);
        }).ToList();
    }

    /// <summary>Reads up to <paramref name="maxMessages"/> (1..32) visible messages without receiving them.</summary>
    public virtual async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken ct = default)
    {
        using var message = GetMessagesRequest(maxMessages);
        message.Request.Uri.AppendQuery("peekonly", "true");
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Error(response, "peek messages");
        }

        return QueueMessageList.Read(response).Select(item =>
        {
            var (text, failed) = DecodeText(item);
            return new PeekedMessage(
                QueueMessageList.Text(item, "MessageId"),
                text,
                QueueMessageList.Long(item, "DequeueCount"),
                QueueMessageList.Date(item, "InsertionTime"),
                QueueMessageList.Date(item, "ExpirationTime"),
                failed);
        }).ToList();
    }

    /// <summary>Deletes a received message; the pop receipt must be the latest one (from receive or update).</summary>
    public virtual async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, MessagePath(messageId));
        message.Request.Uri.AppendQuery("popreceipt", Required(popReceipt, nameof(popReceipt)));
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw Error(response, "delete message");
        }
    }

    /// <summary>
    /// Changes a received message's visibility (0..7 days from now) and optionally its text.
    /// Returns the new pop receipt; the one passed in is no longer valid.
    /// </summary>
    public virtual async Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken ct = default)
    {
        var seconds = Seconds(visibilityTimeout, TimeSpan.Zero, MaxVisibility, nameof(visibilityTimeout));
        var encoded = messageText is null ? null : QueueMessageCodec.Encode(messageText, _encoding, nameof(messageText));
        using var message = CreateMessage(RequestMethod.Put, MessagePath(messageId));
        message.Request.Uri.AppendQuery("popreceipt", Required(popReceipt, nameof(popReceipt)));
        message.Request.Uri.AppendQuery("visibilitytimeout", seconds.ToString(CultureInfo.InvariantCulture));
        if (encoded is not null)
        {
            SetXmlBody(message.Request, QueueMessageCodec.Body(encoded));
        }

        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 204
            || !response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt)
            || !response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible))
        {
            throw Error(response, "update message");
        }

        return new UpdateReceipt(newReceipt, QueueMessageList.ParseDate(nextVisible));
    }

    /// <summary>Deletes every message in the queue.</summary>
    public virtual async Task ClearMessagesAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "/messages");
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw Error(response, "clear messages");
        }
    }

    public virtual async Task<QueueProperties> GetPropertiesAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Get, null);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 200 || !response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count))
        {
            throw Error(response, "get queue properties");
        }

        var metadata = response.Headers
            .Where(h => h.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Name["x-ms-meta-".Length..], h => h.Value, StringComparer.OrdinalIgnoreCase);
        return new QueueProperties(int.Parse(count, CultureInfo.InvariantCulture), metadata);
    }

    private HttpMessage CreateMessage(RequestMethod method, string? path) => _pipeline.CreateMessage(method, Uri, path);

    private Task<Response> SendAsync(HttpMessage message, CancellationToken ct) => _pipeline.SendAsync(message, ct);

    /// <summary>GET …/messages for 1..32 messages, shared by receive and peek.</summary>
    private HttpMessage GetMessagesRequest(int maxMessages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        var message = CreateMessage(RequestMethod.Get, "/messages");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        return message;
    }

    private (string Text, bool Failed) DecodeText(System.Xml.Linq.XElement item) =>
        QueueMessageCodec.Decode(QueueMessageList.Text(item, "MessageText"), _encoding);

    private static void SetXmlBody(Request request, string xml)
    {
        request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(xml));
    }

    private static string MessagePath(string messageId) =>
        "/messages/" + Uri.EscapeDataString(Required(messageId, nameof(messageId)));

    private static string Required(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        return value;
    }

    private static long Seconds(TimeSpan value, TimeSpan min, TimeSpan max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be between {min} and {max}.");
        }

        return (long)Math.Ceiling(value.TotalSeconds);
    }

    private static long TimeToLiveSeconds(TimeSpan ttl)
    {
        if (ttl == Timeout.InfiniteTimeSpan || ttl == TimeSpan.FromSeconds(-1))
        {
            return -1;
        }

        if (ttl < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "The time to live must be at least 1 second, or infinite.");
        }

        return (long)Math.Ceiling(ttl.TotalSeconds);
    }

    private StorageRequestFailedException Error(Response response, string operation) =>
        StorageErrors.From(response, $"Queue '{Name}': {operation}");
}
