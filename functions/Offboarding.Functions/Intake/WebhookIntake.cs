using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Intake;

/// <summary>What every webhook route does with a read request: one for someone a live batch offboards joins that person's
/// offboarding (200, or 202 <c>waiting_in_batch</c>; ADR 007), anything else goes to the intake.</summary>
public sealed class WebhookIntake(IBatchMembership batches, OffboardingIntake intake)
{
    public async Task<HttpAnswer> AnswerAsync(RequestReadResult read, string? messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Request is not null && await FindBatchAsync(read.Request, cancellationToken).ConfigureAwait(false) is { } joined)
        {
            return joined.OffboardingId is null
                ? IntakeResponses.Unavailable()
                : await intake.AnswerJoinedAsync(joined.OffboardingId, joined.BatchId, messageId, cancellationToken).ConfigureAwait(false);
        }

        return await intake.AnswerAsync(read, messageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The batch that offboards this leaver; (_, null) when storage cannot say, since guessing could make a second offboarding.</summary>
    private async Task<(string BatchId, string? OffboardingId)?> FindBatchAsync(OffboardingRequest request, CancellationToken cancellationToken)
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
}
