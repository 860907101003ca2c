using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary><c>POST /api/offboardings/{id}/cancel</c> with <c>{"reason": "…"}</c>: rescinds it if nothing was sent to Zoho yet.</summary>
public sealed class CancelOffboardingHandler(OffboardingCancellation cancellation) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (OperatorResponses.RouteId(request) is not { } id)
        {
            return OperatorResponses.NotFound();
        }

        var (parsed, problem) = OperatorRequestBody.Read<CancelBody>(body);
        if (problem is not null)
        {
            return problem;
        }

        if (OperatorResponses.CheckReason(parsed!.Reason, required: true) is { } invalid)
        {
            return OperatorResponses.Invalid(invalid);
        }

        return Answer(await cancellation.CancelAsync(id, caller.Name, parsed.Reason!.Trim(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The HTTP answer to a cancel, the same for operators and for a rescind webhook.</summary>
    public static HttpAnswer Answer(CancelOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Kind switch
        {
            CancelOutcomeKind.Cancelled or CancelOutcomeKind.AlreadyCancelled => OperatorResponses.View(200, outcome.Record!),
            CancelOutcomeKind.TooLate => OperatorResponses.Conflict("It can no longer be cancelled", outcome.Detail!),
            _ => OperatorResponses.NotFound(),
        };
    }

    private sealed record CancelBody(string? Reason);
}
