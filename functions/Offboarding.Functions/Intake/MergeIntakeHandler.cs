using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Intake;

/// <summary>
/// <c>POST /api/webhooks/merge</c>: a Merge.dev unified HRIS employee webhook, verified with
/// <c>X-Merge-Webhook-Signature</c>, mapped to the canonical request, then handled like the canonical intake.
/// Employee changes that are not terminations are acknowledged (200) so Merge does not retry them.
/// </summary>
public sealed partial class MergeIntakeHandler : IHttpHandler
{
    private readonly MergeSignatureVerifier _verifier;
    private readonly OffboardingRequestReader _reader;
    private readonly OffboardingIntake _intake;
    private readonly IntakeOptions _options;
    private readonly ILogger<MergeIntakeHandler> _logger;

    private readonly OffboardingRepository _repository;
    private readonly OffboardingCancellation _cancellation;

    public MergeIntakeHandler(MergeSignatureVerifier verifier, OffboardingRequestReader reader, OffboardingIntake intake, OffboardingRepository repository,
        OffboardingCancellation cancellation, IOptions<IntakeOptions> options, ILogger<MergeIntakeHandler> logger)
    {
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _cancellation = cancellation ?? throw new ArgumentNullException(nameof(cancellation));
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _intake = intake ?? throw new ArgumentNullException(nameof(intake));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (body.Length > _options.MaxBodyBytes)
        {
            return IntakeResponses.TooLarge(_options.MaxBodyBytes);
        }

        var signature = _verifier.Verify(request.Header(MergeSignatureVerifier.SignatureHeader), body.Span);
        if (!signature.IsValid)
        {
            LogRejected(_logger, 401, signature.Problem!);
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
                LogRejected(_logger, 400, mapping.Reason!);
                return HttpAnswer.Problem(400, "invalid-merge-webhook", "Not a Merge employee webhook", mapping.Reason);
            case MergeMappingKind.Ignored:
                return HttpAnswer.Json(200, new { ignored = true, reason = mapping.Reason });
            case MergeMappingKind.Staying:
                return await RescindPendingAsync(mapping, cancellationToken).ConfigureAwait(false);
        }

        var read = _reader.Read(mapping.CanonicalJson);
        if (read.Request is null)
        {
            LogRejected(_logger, 422, $"{read.Problems.Count} problem(s)");
        }

        return await _intake.AnswerAsync(read, messageId: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The employee is staying: their offboardings from Merge that have not reached Zoho are rescinded; those already
    /// sent are left as they are (and listed, so the HR side sees it is too late for them).
    /// </summary>
    private async Task<HttpAnswer> RescindPendingAsync(MergeMapping mapping, CancellationToken cancellationToken)
    {
        var rescinded = new List<string>();
        var tooLate = new List<string>();
        try
        {
            await foreach (var stored in _repository.BySourceEventPrefixAsync(MergeEmployeeMapper.Source, mapping.EmployeeEventPrefix!, cancellationToken).ConfigureAwait(false))
            {
                var record = stored.Record;
                if (record.Request.DryRun || record.State is OffboardingState.Cancelled or OffboardingState.Failed or OffboardingState.Planned)
                {
                    continue;
                }

                var outcome = await _cancellation.CancelAsync(record.Id, "merge (HR system)", "the employee is active again in the HR system", cancellationToken).ConfigureAwait(false);
                (outcome.Kind == CancelOutcomeKind.Cancelled ? rescinded : tooLate).Add(record.Id);
            }
        }
        catch (Azure.RequestFailedException)
        {
            return IntakeResponses.Unavailable();
        }

        return rescinded.Count == 0 && tooLate.Count == 0
            ? HttpAnswer.Json(200, new { ignored = true, reason = mapping.Reason })
            : HttpAnswer.Json(200, new { rescinded, tooLate });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merge intake refused a request with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);
}
