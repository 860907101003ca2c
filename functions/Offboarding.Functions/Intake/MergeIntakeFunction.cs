using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Http;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Intake;

/// <summary>
/// <c>POST /api/webhooks/merge</c>: a Merge.dev unified HRIS employee webhook, verified with
/// <c>X-Merge-Webhook-Signature</c>, mapped to the canonical request, then handled like the canonical intake.
/// Employee changes that are not terminations are acknowledged (200) so Merge does not retry them.
/// </summary>
public sealed partial class MergeIntakeFunction : IHttpFunction
{
    private readonly MergeSignatureVerifier _verifier;
    private readonly OffboardingRequestReader _reader;
    private readonly OffboardingIntake _intake;
    private readonly IntakeOptions _options;
    private readonly ILogger<MergeIntakeFunction> _logger;

    public MergeIntakeFunction(MergeSignatureVerifier verifier, OffboardingRequestReader reader, OffboardingIntake intake, IOptions<IntakeOptions> options, ILogger<MergeIntakeFunction> logger)
    {
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _intake = intake ?? throw new ArgumentNullException(nameof(intake));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body.Length > _options.MaxBodyBytes)
        {
            return IntakeResponses.TooLarge(_options.MaxBodyBytes);
        }

        var signature = _verifier.Verify(request.Header(MergeSignatureVerifier.SignatureHeader), request.Body.Span);
        if (!signature.IsValid)
        {
            LogRejected(_logger, 401, signature.Problem!);
            return IntakeResponses.Unauthorized(signature.Problem!);
        }

        if (!IntakeResponses.IsJson(request.Header("Content-Type")))
        {
            return IntakeResponses.UnsupportedMediaType();
        }

        var mapping = MergeEmployeeMapper.Map(request.Body);
        switch (mapping.Kind)
        {
            case MergeMappingKind.Invalid:
                LogRejected(_logger, 400, mapping.Reason!);
                return HttpResults.Problem(400, "invalid-merge-webhook", "Not a Merge employee webhook", mapping.Reason);
            case MergeMappingKind.Ignored:
                return HttpResults.Json(200, new { ignored = true, reason = mapping.Reason });
        }

        var read = _reader.Read(mapping.CanonicalJson);
        if (read.Request is null)
        {
            LogRejected(_logger, 422, $"{read.Problems.Count} problem(s)");
        }

        return await _intake.AnswerAsync(read, messageId: null, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merge intake refused a request with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);
}
