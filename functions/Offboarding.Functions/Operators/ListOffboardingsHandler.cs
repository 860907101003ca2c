using System.Globalization;
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
    public const int DefaultPageSize = 50;
    public const int LargestPageSize = 200;

    // RFC 5321's limit on an address: a longer one matches nothing stored.
    private const int MaxEmailLength = 254;

    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ValidationProblem>();
        var query = new OffboardingQuery
        {
            State = State(request.QueryValue("state"), problems),
            Email = Text(request.QueryValue("email"), "email", MaxEmailLength, problems),
            HrisId = Text(request.QueryValue("hrisId"), "hrisId", FieldRules.MaxHrisIdLength, problems),
            From = Time(request.QueryValue("from"), "from", problems),
            To = Time(request.QueryValue("to"), "to", problems),
            PageSize = PageSize(request.QueryValue("pageSize"), problems),
            After = Cursor(request.QueryValue("continuationToken"), problems),
        };

        if (problems.Count > 0)
        {
            return HttpAnswer.Problem(400, "invalid-query", "Invalid query", "See errors.", problems);
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

    private static DateTimeOffset? Time(string? text, string name, List<ValidationProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        problems.Add(new ValidationProblem(name, "Must be an RFC 3339 date-time, e.g. 2026-12-01T00:00:00Z."));
        return null;
    }

    private static int PageSize(string? text, List<ValidationProblem> problems)
    {
        if (text is null)
        {
            return DefaultPageSize;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= LargestPageSize)
        {
            return size;
        }

        problems.Add(new ValidationProblem("pageSize", $"Must be a whole number from 1 to {LargestPageSize}."));
        return DefaultPageSize;
    }

    private static ListCursor? Cursor(string? text, List<ValidationProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (ListCursor.TryDecode(text, out var cursor))
        {
            return cursor;
        }

        problems.Add(new ValidationProblem("continuationToken", "Not a continuation token this listing gave; start again without it."));
        return null;
    }
}
