using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Storage.Tests;

/// <summary>
/// A user policy that sees each request after the client signed it (user per-retry policies run after the
/// client's own), so tests can check what was sent and that the signature never leaks into errors.
/// </summary>
internal sealed class AuthorizationRecorder : HttpPipelineSynchronousPolicy
{
    public string? LastScheme { get; private set; }

    public string? LastSignature { get; private set; }

    public int Requests { get; private set; }

    public StorageClientOptions Options(StorageClientOptions? options = null)
    {
        options ??= new StorageClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        Requests++;
        if (message.Request.Headers.TryGetValue("Authorization", out var authorization))
        {
            var space = authorization.IndexOf(' ', StringComparison.Ordinal);
            LastScheme = authorization[..space];
            var credential = authorization[(space + 1)..];
            var colon = credential.LastIndexOf(':');
            LastSignature = colon >= 0 ? credential[(colon + 1)..] : credential;
        }
    }
}
