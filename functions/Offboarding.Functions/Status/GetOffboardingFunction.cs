using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Persistence;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Status;

/// <summary><c>GET /api/offboardings/{id}</c>: state, Zoho job id, target and why, and the audit trail.</summary>
public sealed class GetOffboardingFunction : IHttpFunction
{
    private readonly OffboardingRepository _repository;

    public GetOffboardingFunction(OffboardingRepository repository)
    {
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
    }

    public async Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.RouteValues.TryGetValue("id", out var id);

        // Anything not shaped like an id cannot exist, and is never sent to storage.
        if (!OffboardingId.IsWellFormed(id))
        {
            return NotFound();
        }

        var stored = await _repository.GetAsync(id!, cancellationToken).ConfigureAwait(false);
        return stored is null ? NotFound() : HttpResults.Json(200, OffboardingView.From(stored.Record));
    }

    private static HttpFunctionResponse NotFound() =>
        HttpResults.Problem(404, "not-found", "No such offboarding", "No offboarding has this id.");
}
