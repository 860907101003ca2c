using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Operators;

/// <summary><c>GET /api/offboardings/{id}</c>: state, Zoho job id, target and why, and the audit trail (personal data: operators only).</summary>
public sealed class GetOffboardingHandler(OffboardingRepository repository) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Anything not shaped like an id cannot exist, and is never sent to storage.
        if (OperatorResponses.RouteId(request) is not { } id)
        {
            return OperatorResponses.NotFound();
        }

        var stored = await repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return stored is null ? OperatorResponses.NotFound() : HttpAnswer.Json(200, OffboardingView.From(stored.Record));
    }
}
