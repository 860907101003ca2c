using Microsoft.AspNetCore.Http;

namespace Offboarding.Functions.Http;

/// <summary>What an HTTP [Function] calls; <paramref name="body"/> is the sender's exact bytes, which signatures are verified over.</summary>
public interface IHttpHandler
{
    Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
