using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;

namespace Offboarding.Functions.Intake;

/// <summary><c>POST /api/rescinds</c>: the HR system takes back a termination it sent (signed like the request); cancelled if
/// nothing reached Zoho yet (200), else 409, and a repeat is harmless.</summary>
public sealed partial class RescindHandler(
    StandardWebhookVerifier verifier,
    OffboardingCancellation cancellation,
    PublishedSchemas schemas,
    IOptions<IntakeOptions> options,
    ILogger<RescindHandler> logger) : IHttpHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SignedJsonGate.Refuse(request, body, verifier, options.Value.MaxBodyBytes) is { } refused)
        {
            LogRejected(logger, refused.Answer.StatusCode, refused.Reason);
            return refused.Answer;
        }

        // Validated against the published rescind schema, as the canonical request is against its own.
        RescindRequest rescind;
        try
        {
            using var document = JsonDocument.Parse(body);
            var problems = schemas[RescindSchema].Problems(document.RootElement).ToList();
            var reason = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (problems.Count == 0 && OperatorResponses.CheckReason(reason, required: false) is { } badReason)
            {
                problems.Add(badReason);
            }

            if (problems.Count > 0)
            {
                LogRejected(logger, 422, $"{problems.Count} problem(s)");
                return HttpAnswer.Problem(422, "invalid-request", "The rescind request is not valid", $"{problems.Count} problem(s) found; see errors.", problems);
            }

            rescind = document.RootElement.Deserialize<RescindRequest>(HttpAnswer.JsonOptions)!;
        }
        catch (JsonException)
        {
            return HttpAnswer.Problem(400, "malformed-json", "Malformed JSON", "The body is not valid JSON.");
        }

        var outcome = await cancellation.CancelAsync(
            OffboardingId.From(rescind.Source!, rescind.Rescinds!), $"{rescind.Source} (HR system)",
            $"rescinded by event {rescind.SourceEventId}" + (string.IsNullOrWhiteSpace(rescind.Reason) ? string.Empty : $": {rescind.Reason.Trim()}"),
            cancellationToken).ConfigureAwait(false);
        return outcome.Kind == CancelOutcomeKind.NotFound
            ? HttpAnswer.Problem(404, "not-found", "Nothing to rescind", $"No offboarding was made by event '{rescind.Rescinds}' of source '{rescind.Source}'.")
            : CancelOffboardingHandler.Answer(outcome);
    }

    private const string RescindSchema = "rescind-request.json";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rescind refused a request with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);

    /// <summary>The rescind request (published as <c>rescind-request.json</c>).</summary>
    private sealed record RescindRequest(string Source, string SourceEventId, string Rescinds, string? Reason);
}
