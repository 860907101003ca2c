using Offboarding.Functions.Contracts;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Intake;

/// <summary>The answers both intake endpoints give, so the canonical and the Merge endpoint behave alike.</summary>
internal static class IntakeResponses
{
    public static HttpAnswer TooLarge(int max) =>
        HttpAnswer.Problem(413, "body-too-large", "Request body too large", $"The body exceeds {max} bytes.");

    public static HttpAnswer Unauthorized(string problem) =>
        HttpAnswer.Problem(401, "invalid-signature", "Webhook signature not valid", problem);

    public static HttpAnswer UnsupportedMediaType() =>
        HttpAnswer.Problem(415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json.");

    public static HttpAnswer Invalid(RequestReadResult result) => result.IsSyntaxError
        ? HttpAnswer.Problem(400, "malformed-json", "Malformed JSON", result.Problems[0].Detail, result.Problems)
        : HttpAnswer.Problem(422, "invalid-request", "The offboarding request is not valid", $"{result.Problems.Count} problem(s) found; see errors.", result.Problems);

    public static HttpAnswer MessageInUse(string madeBy) =>
        HttpAnswer.Problem(409, "webhook-id-in-use", "Webhook message already in use",
            $"This webhook-id already made offboarding {madeBy}, which is not stored yet; send it again shortly to get its status.");

    public static HttpAnswer Unavailable() =>
        HttpAnswer.Problem(503, "storage-unavailable", "Temporarily unavailable", "The request may not have been stored; send it again later (a repeat is answered as the same offboarding).");

    public static HttpAnswer Accepted(IntakeOutcome outcome)
    {
        var view = OffboardingView.From(outcome.Offboarding.Record);
        var headers = new Dictionary<string, string> { ["Location"] = $"/api/offboardings/{view.Id}" };
        return HttpAnswer.Json(outcome.Created ? 202 : 200, view, headers);
    }

    /// <summary>The person is in a batch that has not started them yet: their offboarding will have this id.</summary>
    public static HttpAnswer WaitingInBatch(string offboardingId, string batchId) =>
        HttpAnswer.Json(202, new { id = offboardingId, state = "waiting_in_batch", batchId, batchUrl = $"/api/batches/{batchId}" },
            new Dictionary<string, string> { ["Location"] = $"/api/offboardings/{offboardingId}" });

    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
