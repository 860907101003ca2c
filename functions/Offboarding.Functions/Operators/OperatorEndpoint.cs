using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>An operator step behind the operator check: 401 or 403 before the step sees the request.</summary>
public sealed class OperatorEndpoint<TFunction>(OperatorAuthenticator authenticator, TFunction function) : IHttpHandler
    where TFunction : IOperatorHandler
{
    public Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = authenticator.Authenticate(request);
        return result.Caller is { } caller
            ? function.RunAsync(request, caller, cancellationToken)
            : Task.FromResult(result.Refusal!);
    }
}
