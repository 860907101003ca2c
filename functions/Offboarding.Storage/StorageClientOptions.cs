using Azure.Core;
using Offboarding.Storage.Queues;

namespace Offboarding.Storage;

/// <summary>Options shared by the queue and table clients: Azure.Core retry/diagnostics plus storage specifics.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>
    /// The one storage REST version both clients send. Azurite 3.35 accepts it without
    /// --skipApiVersionCheck (its list goes up to 2025-11-05), and it is new enough for bearer tokens on queues and tables.
    /// </summary>
    public const string ServiceVersion = "2024-08-04";

    public StorageClientOptions()
    {
        foreach (var header in new[]
        {
            "x-ms-request-id", "x-ms-error-code", "x-ms-version", "x-ms-date", "x-ms-approximate-messages-count",
            "x-ms-continuation-NextPartitionKey", "x-ms-continuation-NextRowKey", "x-ms-continuation-NextTableName",
            "x-ms-time-next-visible", "DataServiceVersion", "ETag", "Location",
        })
        {
            Diagnostics.LoggedHeaderNames.Add(header);
        }

        // Pop receipts are capabilities for a message; keep them (and every other query value) redacted in logs.
        foreach (var name in new[] { "comp", "numofmessages", "peekonly", "visibilitytimeout", "messagettl", "$top", "$select" })
        {
            Diagnostics.LoggedQueryParameters.Add(name);
        }
    }

    /// <summary>How queue message text is encoded on the wire. Base64, the Functions queue trigger's default, unless set.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;
}
