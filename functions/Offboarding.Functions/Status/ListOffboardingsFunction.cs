using System.Globalization;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Persistence;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Status;

/// <summary><c>GET /api/offboardings?state=failed&amp;max=100</c>: the operators' listing, optionally by state.</summary>
public sealed class ListOffboardingsFunction : IHttpFunction
{
    public const int DefaultMax = 100;
    public const int LargestMax = 1000;

    private readonly OffboardingRepository _repository;

    public ListOffboardingsFunction(OffboardingRepository repository)
    {
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
    }

    public async Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ValidationProblem>();

        OffboardingState? state = null;
        var stateText = request.QueryValue("state");
        if (stateText is not null)
        {
            if (OffboardingStateExtensions.TryParseWireName(stateText, out var parsed))
            {
                state = parsed;
            }
            else
            {
                var names = string.Join(", ", Enum.GetValues<OffboardingState>().Select(s => s.ToWireName()));
                problems.Add(new ValidationProblem("state", $"Must be one of: {names}."));
            }
        }

        var max = DefaultMax;
        var maxText = request.QueryValue("max");
        if (maxText is not null && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 1 || max > LargestMax))
        {
            problems.Add(new ValidationProblem("max", $"Must be a whole number from 1 to {LargestMax}."));
        }

        if (problems.Count > 0)
        {
            return HttpResults.Problem(400, "invalid-query", "Invalid query", "See errors.", problems);
        }

        var items = new List<OffboardingSummary>();
        await foreach (var record in _repository.ListAsync(state, max, cancellationToken).ConfigureAwait(false))
        {
            items.Add(OffboardingSummary.From(record));
        }

        return HttpResults.Json(200, new { items, count = items.Count });
    }
}
