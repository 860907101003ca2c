using System.Globalization;
using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Operators;

/// <summary>
/// <c>POST /api/events/replay?from=&amp;to=&amp;type=&amp;pageSize=&amp;continuationToken=</c> with <c>{"reason": "…"}</c>: publishes again
/// the events whose <c>time</c> is in [from, to) (of one type if given), a page of offboardings per call, for a subscriber
/// that was down; <c>continuationToken</c> in the answer replays the next page.
/// </summary>
public sealed class ReplayEventsHandler(EventReplay replay, OffboardingEventFactory factory) : IOperatorHandler
{
    /// <summary>Offboardings per page unless <c>pageSize</c> says (at most <see cref="LargestPageSize"/>): each costs a read and an audit write besides its events.</summary>
    public const int DefaultPageSize = 50;
    public const int LargestPageSize = 200;

    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var problems = new List<ValidationProblem>();
        var from = Time(request.QueryValue("from"), "from", problems);
        var to = Time(request.QueryValue("to"), "to", problems);
        if (from is { } start && to is { } end && start >= end)
        {
            problems.Add(new ValidationProblem("to", "Must be after 'from': the range is [from, to)."));
        }

        var type = Type(request.QueryValue("type"), problems);
        var pageSize = PageSize(request.QueryValue("pageSize"), problems);
        ListCursor? after = null;
        if (request.QueryValue("continuationToken") is { } token && !ListCursor.TryDecode(token, out after))
        {
            problems.Add(new ValidationProblem("continuationToken", "Not a continuation token this replay gave; start again without it."));
        }

        if (problems.Count > 0)
        {
            return HttpAnswer.Problem(400, "invalid-query", "Invalid query", "See errors.", problems);
        }

        var (reason, problem) = ReplayBody.ReasonOrProblem(body);
        if (problem is not null)
        {
            return problem;
        }

        var (sent, next) = await replay.ReplayRangeAsync(new EventRange(from!.Value, to!.Value, type, pageSize), caller.Name, reason!, after, cancellationToken).ConfigureAwait(false);
        return HttpAnswer.Json(200, new { replayed = sent, continuationToken = next?.Encode() });
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

    private static DateTimeOffset? Time(string? text, string name, List<ValidationProblem> problems)
    {
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        problems.Add(new ValidationProblem(name, text is null ? "Required: an RFC 3339 date-time, e.g. 2026-12-01T00:00:00Z." : "Must be an RFC 3339 date-time, e.g. 2026-12-01T00:00:00Z."));
        return null;
    }

    // The CloudEvent types this app publishes for offboardings; hold.opened belongs to no offboarding and is not replayed.
    private string? Type(string? text, List<ValidationProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        var types = Enum.GetValues<OffboardingOutcome>().Select(factory.TypeOf).ToList();
        if (types.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        problems.Add(new ValidationProblem("type", $"Must be one of: {string.Join(", ", types)}."));
        return null;
    }
}
