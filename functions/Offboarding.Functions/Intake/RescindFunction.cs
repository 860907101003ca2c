using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Control;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Intake;

/// <summary>
/// <c>POST /api/rescinds</c>: the HR system takes back a termination it sent, signed like the canonical request:
/// <c>{"source", "sourceEventId", "rescinds": "&lt;the earlier request's sourceEventId&gt;", "reason"?}</c>. The earlier
/// offboarding of the same source is cancelled if nothing was sent to Zoho yet (200), else 409; sending it again is
/// harmless (200 with the cancelled offboarding).
/// </summary>
public sealed partial class RescindFunction(
    StandardWebhookVerifier verifier,
    OffboardingCancellation cancellation,
    IOptions<IntakeOptions> options,
    ILogger<RescindFunction> logger) : IHttpFunction
{
    public async Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body.Length > options.Value.MaxBodyBytes)
        {
            return IntakeResponses.TooLarge(options.Value.MaxBodyBytes);
        }

        var signature = verifier.Verify(
            request.Header(StandardWebhookVerifier.IdHeader),
            request.Header(StandardWebhookVerifier.TimestampHeader),
            request.Header(StandardWebhookVerifier.SignatureHeader),
            request.Body.Span);
        if (!signature.IsValid)
        {
            LogRejected(logger, 401, signature.Problem!);
            return IntakeResponses.Unauthorized(signature.Problem!);
        }

        if (!IntakeResponses.IsJson(request.Header("Content-Type")))
        {
            return IntakeResponses.UnsupportedMediaType();
        }

        var (body, problem) = OperatorRequestBody.Read<RescindRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var problems = body!.Check();
        if (problems.Count > 0)
        {
            LogRejected(logger, 422, $"{problems.Count} problem(s)");
            return HttpResults.Problem(422, "invalid-request", "The rescind request is not valid", $"{problems.Count} problem(s) found; see errors.", problems);
        }

        var outcome = await cancellation.CancelAsync(
            OffboardingId.From(body.Source!, body.Rescinds!), $"{body.Source} (HR system)",
            $"rescinded by event {body.SourceEventId}" + (string.IsNullOrWhiteSpace(body.Reason) ? string.Empty : $": {body.Reason.Trim()}"),
            cancellationToken).ConfigureAwait(false);
        return outcome.Kind == CancelOutcomeKind.NotFound
            ? HttpResults.Problem(404, "not-found", "Nothing to rescind", $"No offboarding was made by event '{body.Rescinds}' of source '{body.Source}'.")
            : CancelOffboardingFunction.Answer(outcome);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rescind refused a request with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);

    /// <summary>The rescind request (published as <c>rescind-request.json</c>).</summary>
    private sealed record RescindRequest(string? Source, string? SourceEventId, string? Rescinds, string? Reason)
    {
        public List<ValidationProblem> Check()
        {
            var problems = new List<ValidationProblem>();
            Require(Source, "/source", FieldRules.MaxSourceLength, FieldRules.Source(), problems);
            Require(SourceEventId, "/sourceEventId", FieldRules.MaxEventIdLength, FieldRules.EventId(), problems);
            Require(Rescinds, "/rescinds", FieldRules.MaxEventIdLength, FieldRules.EventId(), problems);
            if (OperatorResponses.CheckReason(Reason, required: false) is { } reason)
            {
                problems.Add(reason);
            }

            return problems;
        }

        private static void Require(string? value, string pointer, int max, System.Text.RegularExpressions.Regex shape, List<ValidationProblem> problems)
        {
            if (string.IsNullOrEmpty(value))
            {
                problems.Add(new ValidationProblem(pointer, "Required."));
            }
            else if (value.Length > max || !shape.IsMatch(value))
            {
                problems.Add(new ValidationProblem(pointer, $"At most {max} characters of the documented shape (letters, digits and a few separators)."));
            }
        }
    }
}
