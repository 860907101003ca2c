using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Intake;

/// <summary>
/// The checks every Standard Webhooks route makes before it reads a body, cheapest first: size (413), the signature
/// over the raw bytes (401), the media type (415). Shared by the request and the rescind routes so they refuse alike.
/// </summary>
internal static class SignedJsonGate
{
    /// <summary>Null when the request may be read; otherwise the answer, and the reason for the log.</summary>
    public static (HttpAnswer Answer, string Reason)? Refuse(HttpRequest request, ReadOnlyMemory<byte> body, StandardWebhookVerifier verifier, int maxBodyBytes)
    {
        if (body.Length > maxBodyBytes)
        {
            return (IntakeResponses.TooLarge(maxBodyBytes), "body too large");
        }

        var signature = verifier.Verify(
            request.Header(StandardWebhookVerifier.IdHeader),
            request.Header(StandardWebhookVerifier.TimestampHeader),
            request.Header(StandardWebhookVerifier.SignatureHeader),
            body.Span);
        if (!signature.IsValid)
        {
            return (IntakeResponses.Unauthorized(signature.Problem!), signature.Problem!);
        }

        return IntakeResponses.IsJson(request.Header("Content-Type")) ? null : (IntakeResponses.UnsupportedMediaType(), "not JSON");
    }
}
