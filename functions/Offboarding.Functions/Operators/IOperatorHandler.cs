using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>An HTTP handler only an operator may run; <see cref="OperatorEndpoint{THandler}"/> establishes who is calling first.</summary>
public interface IOperatorHandler
{
    Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken);
}
