using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Tests.Hosting.TestFunctions;

/// <summary>An HTTP function that always throws, with a message that must never reach the caller.</summary>
internal sealed class ThrowingHttpFunction : IHttpHandler
{
    public const string SecretMessage = "connection string with AccountKey=do-not-leak";

    public Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(SecretMessage);
}
