using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Intake;

/// <summary><c>POST /api/offboardings</c>: checks run cheapest first and nothing is stored unless all pass: size (413),
/// signature over the raw bytes (401), media type (415), JSON (400), schema (422).</summary>
public sealed partial class IntakeHandler(StandardWebhookVerifier verifier, OffboardingRequestReader reader, WebhookIntake intake, IOptions<IntakeOptions> options, ILogger<IntakeHandler> logger) : IHttpHandler
{
    private readonly StandardWebhookVerifier _verifier = verifier;
    private readonly OffboardingRequestReader _reader = reader;
    private readonly WebhookIntake _intake = intake;
    private readonly IntakeOptions _options = options.Value;
    private readonly ILogger<IntakeHandler> _logger = logger;

    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SignedJsonGate.Refuse(request, body, _verifier, _options.MaxBodyBytes) is { } refused)
        {
            LogRejected(_logger, refused.Answer.StatusCode, refused.Reason);
            return refused.Answer;
        }

        var read = _reader.Read(body);
        if (read.Request is null)
        {
            LogRejected(_logger, read.IsSyntaxError ? 400 : 422, $"{read.Problems.Count} problem(s)");
        }

        return await _intake.AnswerAsync(read, request.Header(StandardWebhookVerifier.IdHeader), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake refused a request with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);
}
