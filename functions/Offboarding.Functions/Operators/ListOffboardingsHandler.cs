using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Operators;

/// <summary>
/// <c>GET /api/offboardings?state=&amp;email=&amp;hrisId=&amp;from=&amp;to=&amp;pageSize=&amp;continuationToken=</c>: the
/// operators' listing, newest first, a page at a time; <c>continuationToken</c> in the answer fetches the next page.
/// </summary>
public sealed class ListOffboardingsHandler(OffboardingRepository repository) : IOperatorHandler
{
    // RFC 5321's limit on an address: a longer one matches nothing stored.
    private const int MaxEmailLength = 254;

    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new OperatorQuery(request);
        var problems = parameters.Problems;
        var query = new OffboardingQuery
        {
            State = State(parameters.Value("state"), problems),
            Email = Text(parameters.Value("email"), "email", MaxEmailLength, problems),
            HrisId = Text(parameters.Value("hrisId"), "hrisId", FieldRules.MaxHrisIdLength, problems),
            From = parameters.Time("from"),
            To = parameters.Time("to"),
            PageSize = parameters.PageSize(),
            After = parameters.Cursor("listing"),
        };

        if (parameters.Problem() is { } problem)
        {
            return problem;
        }

        var (items, next) = await repository.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return HttpAnswer.Json(200, new { items = items.Select(OffboardingSummary.From).ToList(), continuationToken = next?.Encode() });
    }

    private static OffboardingState? State(string? text, List<ValidationProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (OffboardingStateExtensions.TryParseWireName(text, out var state))
        {
            return state;
        }

        problems.Add(new ValidationProblem("state", $"Must be one of: {string.Join(", ", Enum.GetValues<OffboardingState>().Select(s => s.ToWireName()))}."));
        return null;
    }

    // Matched as a whole value by the table, so anything a person could type is safe; only size and control characters are refused.
    private static string? Text(string? text, string name, int max, List<ValidationProblem> problems)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > max || value.Any(char.IsControl))
        {
            problems.Add(new ValidationProblem(name, $"At most {max} characters, without control characters."));
            return null;
        }

        return value;
    }
}
