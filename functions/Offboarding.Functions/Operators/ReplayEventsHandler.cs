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
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var parameters = new OperatorQuery(request);
        var from = parameters.Time("from", required: true);
        var to = parameters.Time("to", required: true);
        if (from is { } start && to is { } end && start >= end)
        {
            parameters.Problems.Add(new ValidationProblem("to", "Must be after 'from': the range is [from, to)."));
        }

        var type = Type(parameters.Value("type"), parameters.Problems);
        // Offboardings per page: each costs a read and an audit write besides its events.
        var pageSize = parameters.PageSize();
        var after = parameters.Cursor("replay");
        if (parameters.Problem() is { } invalid)
        {
            return invalid;
        }

        var (reason, problem) = ReplayBody.ReasonOrProblem(body);
        if (problem is not null)
        {
            return problem;
        }

        var (sent, next) = await replay.ReplayRangeAsync(new EventRange(from!.Value, to!.Value, type, pageSize), caller.Name, reason!, after, cancellationToken).ConfigureAwait(false);
        return HttpAnswer.Json(200, new { replayed = sent, continuationToken = next?.Encode() });
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
