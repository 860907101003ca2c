using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Credits;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary><c>GET /api/zoho/usage</c>: the app's Zoho API credit use, budget and waiting transfers.</summary>
public sealed class ZohoUsageHandler(CreditUsage usage) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken) =>
        HttpAnswer.Json(200, await usage.ReadAsync(cancellationToken).ConfigureAwait(false));
}
