using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Storage.Pipeline;

/// <summary>
/// Stamps the pinned <c>x-ms-version</c> and a fresh <c>x-ms-date</c> on every attempt, so a retried
/// request is signed with a current date rather than the first attempt's.
/// </summary>
internal sealed class StorageHeadersPolicy : HttpPipelineSynchronousPolicy
{
    public static readonly StorageHeadersPolicy Shared = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);
        message.Request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
    }
}
