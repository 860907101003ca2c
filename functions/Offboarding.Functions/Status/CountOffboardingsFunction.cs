using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Persistence;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Status;

/// <summary><c>GET /api/offboardings/counts</c>: how many offboardings are in each state, for a dashboard.</summary>
public sealed class CountOffboardingsFunction(OffboardingRepository repository) : IOperatorFunction
{
    public async Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        var counts = await repository.CountByStateAsync(cancellationToken).ConfigureAwait(false);
        return HttpResults.Json(200, new
        {
            counts = counts.OrderBy(c => c.Key).ToDictionary(c => c.Key.ToWireName(), c => c.Value),
            total = counts.Values.Sum(),
        });
    }
}
