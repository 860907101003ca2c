using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Events;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary><c>POST /api/offboardings/{id}/events/replay</c> with <c>{"reason": "…"}</c>: publishes the offboarding's events
/// again with their own ids (200 with the ids sent); the replay goes into its audit trail.</summary>
public sealed class ReplayOffboardingEventsHandler(EventReplay replay) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (OperatorResponses.RouteId(request) is not { } id)
        {
            return OperatorResponses.NotFound();
        }

        var (reason, problem) = ReplayBody.ReasonOrProblem(body);
        if (problem is not null)
        {
            return problem;
        }

        return await replay.ReplayAsync(id, caller.Name, reason!, cancellationToken).ConfigureAwait(false) is { } result
            ? HttpAnswer.Json(200, new { offboardingId = id, replayed = result.Sent, eventsPending = result.EventsPending })
            : OperatorResponses.NotFound();
    }
}

/// <summary>The body both replay routes take: <c>{"reason": "…"}</c>, required, as the audit trail will hold it.</summary>
internal static class ReplayBody
{
    public static (string? Reason, HttpAnswer? Problem) ReasonOrProblem(ReadOnlyMemory<byte> body)
    {
        var (parsed, problem) = OperatorRequestBody.Read<Body>(body);
        if (problem is not null)
        {
            return (null, problem);
        }

        return OperatorResponses.CheckReason(parsed!.Reason, required: true) is { } invalid
            ? (null, OperatorResponses.Invalid(invalid))
            : (parsed.Reason!.Trim(), null);
    }

    private sealed record Body(string? Reason);
}
