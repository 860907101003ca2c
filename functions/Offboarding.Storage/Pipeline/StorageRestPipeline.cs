using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Storage.Pipeline;

/// <summary>The request plumbing both clients share: build a message for a URI, send it, read error codes.</summary>
internal sealed class StorageRestPipeline
{
    private readonly HttpPipeline _pipeline;

    public StorageRestPipeline(HttpPipeline pipeline) => _pipeline = pipeline;

    public HttpMessage CreateMessage(RequestMethod method, Uri target, string? path = null)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(target);
        if (path is not null)
        {
            message.Request.Uri.AppendPath(path, escape: false);
        }

        return message;
    }

    public async Task<Response> SendAsync(HttpMessage message, CancellationToken ct)
    {
        await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        return message.Response;
    }

    /// <summary>The service's error code, from the header or, failing that, the error body.</summary>
    public static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : StorageErrors.ReadBody(response).Code;
}
