using System.Diagnostics;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>Queue <c>offboarding-requests</c> and its poison queue: takes one offboarding from Accepted to Submitted or to its
/// end; transient failures throw so the queue retries, and the last attempt marks the record failed first.</summary>
public sealed partial class TransferHandler(
    RequestDispatcher dispatcher,
    TransferProcessor processor,
    LastAttemptFailure failure,
    IOptions<TransferOptions> options,
    TimeProvider time,
    ILogger<TransferHandler> logger)
{
    private readonly TransferOptions _options = options.Value;

    public async Task RunAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = RequestDispatcher.Parse(message.MessageText);
        if (request is null)
        {
            // Retrying cannot make it readable: acknowledge it (the log says so) instead of poisoning.
            LogUnreadable(logger, message.MessageId);
            return;
        }

        using var scope = logger.BeginOffboardingScope(request.Id);

        // The offboarding's trace, carried by the message (the intake's span, or the record's on a re-send).
        using var activity = OffboardingTelemetry.StartStep("offboarding.transfer", request.Id, request.TraceParent, kind: ActivityKind.Consumer);
        activity?.SetTag("messaging.message.delivery_count", message.DequeueCount);
        var now = time.GetUtcNow();
        if (request.NotBefore > now + TimeSpan.FromSeconds(5))
        {
            // Surfaced early because the queue caps initial invisibility at 7 days: defer again, with the record it may carry.
            await dispatcher.SendAsync(request, request.NotBefore - now, cancellationToken).ConfigureAwait(false);
            LogDeferred(logger, request.Id, request.NotBefore);
            return;
        }

        try
        {
            await processor.ProcessAsync(request, dispatcher.OpenOrigin(request), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failed(activity, ex) && message.DequeueCount >= _options.MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            await failure.FailAsync(
                request.Id,
                $"Gave up after {message.DequeueCount} attempts; the message goes to {StorageNames.RequestPoisonQueue}. Last error: {FailureText.Describe(ex)}",
                cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A request message that reached the poison queue: the offboarding ends failed with the reason (unless Zoho has
    /// it or it has ended); the message is then done with, the record keeps the evidence.</summary>
    public async Task RunPoisonedAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (RequestDispatcher.Parse(message.MessageText) is not { } request)
        {
            LogUnreadable(logger, message.MessageId);
            return;
        }

        using var scope = logger.BeginOffboardingScope(request.Id);
        using var activity = OffboardingTelemetry.StartStep("offboarding.transfer.poisoned", request.Id, request.TraceParent, kind: ActivityKind.Consumer);
        await failure.PoisonedAsync(
            request.Id,
            $"Its request message was moved to {StorageNames.RequestPoisonQueue}: every delivery failed or could not be processed.",
            cancellationToken).ConfigureAwait(false);
    }

    // Marks the span failed and lets the exception go on (an exception filter: nothing is caught).
    private static bool Failed(Activity? activity, Exception ex)
    {
        activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped unreadable queue message {MessageId}")]
    private static partial void LogUnreadable(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} deferred again until {NotBefore:O}")]
    private static partial void LogDeferred(ILogger logger, string offboardingId, DateTimeOffset notBefore);
}
