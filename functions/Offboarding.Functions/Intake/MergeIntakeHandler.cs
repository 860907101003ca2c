using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Intake;

/// <summary><c>POST /api/webhooks/merge</c>: a Merge.dev employee webhook, verified, mapped to the canonical request and taken
/// in like it (a batch member's joins their offboarding); changes that are not terminations get 200 so Merge does not retry them.</summary>
public sealed partial class MergeIntakeHandler(
    MergeSignatureVerifier verifier,
    OffboardingRequestReader reader,
    WebhookIntake intake,
    MergeRescinder rescinder,
    IOptions<IntakeOptions> options,
    ILogger<MergeIntakeHandler> logger) : IHttpHandler
{
    private readonly IntakeOptions _options = options.Value;

    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (body.Length > _options.MaxBodyBytes)
        {
            return IntakeResponses.TooLarge(_options.MaxBodyBytes);
        }

        var signature = verifier.Verify(request.Header(MergeSignatureVerifier.SignatureHeader), body.Span);
        if (!signature.IsValid)
        {
            LogRejected(logger, 401, signature.Problem!);
            return IntakeResponses.Unauthorized(signature.Problem!);
        }

        if (!IntakeResponses.IsJson(request.Header("Content-Type")))
        {
            return IntakeResponses.UnsupportedMediaType();
        }

        var mapping = MergeEmployeeMapper.Map(body);
        switch (mapping.Kind)
        {
            case MergeMappingKind.Invalid:
                LogRejected(logger, 400, mapping.Reason!);
                return HttpAnswer.Problem(400, "invalid-merge-webhook", "Not a Merge employee webhook", mapping.Reason);
            case MergeMappingKind.Ignored:
                return HttpAnswer.Json(200, new { ignored = true, reason = mapping.Reason });
            case MergeMappingKind.Staying:
                return await rescinder.RescindPendingAsync(mapping, cancellationToken).ConfigureAwait(false);
        }

        var read = reader.Read(mapping.CanonicalJson);
        if (read.Request is null)
        {
            LogRejected(logger, 422, $"{read.Problems.Count} problem(s)");
        }

        return await intake.AnswerAsync(read, messageId: null, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merge intake refused a request with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);
}
