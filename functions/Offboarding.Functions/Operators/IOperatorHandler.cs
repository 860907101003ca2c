using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>An HTTP step only an operator may run; <see cref="OperatorEndpoint{TFunction}"/> establishes who is calling first.</summary>
public interface IOperatorHandler
{
    Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, OperatorIdentity caller, CancellationToken cancellationToken);
}
