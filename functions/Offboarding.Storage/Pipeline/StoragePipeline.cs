using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Storage.Pipeline;

/// <summary>Builds the Azure.Core pipeline both clients send through: retries, then per attempt headers and auth.</summary>
internal static class StoragePipeline
{
    /// <summary>The Entra ID scope that covers blob, queue and table data access.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    public static HttpPipeline ForSharedKey(StorageClientOptions options, HttpPipelinePolicy signingPolicy) =>
        HttpPipelineBuilder.Build(options, [], [StorageHeadersPolicy.Shared, signingPolicy], new ResponseClassifier());

    public static HttpPipeline ForToken(StorageClientOptions options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return HttpPipelineBuilder.Build(
            options,
            [],
            [StorageHeadersPolicy.Shared, new BearerTokenAuthenticationPolicy(credential, TokenScope)],
            new ResponseClassifier());
    }
}
