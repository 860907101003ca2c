using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Operators;

/// <summary><c>GET /api/offboardings/counts</c>: how many offboardings are in each state, for a dashboard.</summary>
public sealed class CountOffboardingsHandler(OffboardingRepository repository) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        var counts = await repository.CountByStateAsync(cancellationToken).ConfigureAwait(false);
        return HttpAnswer.Json(200, new
        {
            counts = counts.OrderBy(c => c.Key).ToDictionary(c => c.Key.ToWireName(), c => c.Value),
            total = counts.Values.Sum(),
        });
    }
}
