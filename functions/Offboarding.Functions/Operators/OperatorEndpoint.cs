using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>An operator handler behind the operator check: 401 or 403 before the handler sees the request.</summary>
public sealed class OperatorEndpoint<THandler>(OperatorAuthenticator authenticator, THandler handler) : IHttpHandler
    where THandler : IOperatorHandler
{
    public Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var result = authenticator.Authenticate(request);
        return result.Caller is { } caller
            ? handler.HandleAsync(request, body, caller, cancellationToken)
            : Task.FromResult(result.Refusal!);
    }
}
