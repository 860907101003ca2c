using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Intake;

/// <summary><c>POST /api/offboardings</c>: checks run cheapest first and nothing is stored unless all pass: size (413),
/// signature over the raw bytes (401), media type (415), JSON (400), schema (422).</summary>
public sealed partial class IntakeHandler(StandardWebhookVerifier verifier, OffboardingRequestReader reader, OffboardingIntake intake, IOptions<IntakeOptions> options, IBatchMembership batches, ILogger<IntakeHandler> logger) : IHttpHandler
{
    private readonly StandardWebhookVerifier _verifier = verifier;
    private readonly OffboardingRequestReader _reader = reader;
    private readonly OffboardingIntake _intake = intake;
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

        var messageId = request.Header(StandardWebhookVerifier.IdHeader);
        var read = _reader.Read(body);
        if (read.Request is null)
        {
            LogRejected(_logger, read.IsSyntaxError ? 400 : 422, $"{read.Problems.Count} problem(s)");
        }
        else if (await FindBatchAsync(read.Request, cancellationToken).ConfigureAwait(false) is { } joined)
        {
            return joined.OffboardingId is null
                ? IntakeResponses.Unavailable()
                : await _intake.AnswerJoinedAsync(joined.OffboardingId, joined.BatchId, messageId, cancellationToken).ConfigureAwait(false);
        }

        return await _intake.AnswerAsync(read, messageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The batch that offboards this leaver; (_, null) when storage cannot say, since guessing could make a second offboarding.</summary>
    private async Task<(string BatchId, string? OffboardingId)?> FindBatchAsync(Domain.OffboardingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await batches.FindAsync(request, cancellationToken).ConfigureAwait(false) is { } found ? (found.BatchId, found.OffboardingId) : null;
        }
        catch (Azure.RequestFailedException)
        {
            return (string.Empty, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake refused a request with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);
}
