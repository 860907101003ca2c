using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Events;

/// <summary>Puts CloudEvents on the <c>offboarding-events</c> queue in two steps (staged hidden, then revealed), so a publisher
/// dying at any moment never leaves two visible copies; Event Grid gets them on reveal (docs/adr/001-event-outbox-order.md).</summary>
public sealed partial class OffboardingEventPublisher(PipelineStorage storage, EventGridTopic topic, OffboardingEventFactory factory, ILogger<OffboardingEventPublisher> logger)
{
    /// <summary>Just under the time to live (the queue takes no visibility timeout beyond it): an event never revealed is hidden
    /// for all but the last second of its life.</summary>
    public static readonly TimeSpan StagedVisibility = TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1);

    /// <summary>The events' time to live: the queue's usual 7 days, counted from staging.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(7);

    private readonly QueueClient _queue = storage.Events;
    private readonly EventGridPublisherClient? _eventGrid = topic.Client;

    /// <summary>Queues the outcome's event hidden; the receipt must be recorded before <see cref="RevealAsync"/>.</summary>
    public async Task<StagedEvent> StageAsync(OffboardingRecord record, OffboardingOutcome outcome, CancellationToken cancellationToken)
    {
        var cloudEvent = factory.Create(record, outcome);
        var receipt = (await _queue.SendMessageAsync(OffboardingEventFactory.Serialize(cloudEvent), StagedVisibility, TimeToLive, cancellationToken).ConfigureAwait(false)).Value;
        return new StagedEvent(outcome, receipt.MessageId, receipt.PopReceipt);
    }

    /// <summary>Deletes a staged event whose decision lost its write. Best effort: one left behind stays hidden until the last
    /// second before it expires.</summary>
    public async Task DiscardAsync(StagedEvent staged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staged);
        try
        {
            await _queue.DeleteMessageAsync(staged.MessageId, staged.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            LogDiscardFailed(logger, staged.MessageId, ex.Status);
        }
    }

    /// <summary>Makes a staged event visible (again: a repeat finds it revealed or taken and adds nothing) and sends it to Event Grid.</summary>
    public async Task RevealAsync(OffboardingRecord record, StagedEvent staged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(staged);
        var cloudEvent = factory.Create(record, staged.Outcome);
        try
        {
            await _queue.UpdateMessageAsync(staged.MessageId, staged.PopReceipt, (string?)null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == "PopReceiptMismatch")
        {
            // The receipt no longer matches: an earlier reveal changed it, or a subscriber received or deleted the event.
            LogAlreadyRevealed(logger, cloudEvent.Id, ex.Status);
        }

        if (_eventGrid is not null)
        {
            await _eventGrid.SendEventAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
        }

        LogPublished(logger, cloudEvent.Type, cloudEvent.Id);
    }

    /// <summary>Publishes an event that belongs to no offboarding (e.g. <c>hold.opened</c>) visible at once: at least once, its
    /// fixed id lets subscribers drop a repeat.</summary>
    public async Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        await _queue.SendMessageAsync(OffboardingEventFactory.Serialize(cloudEvent), null, TimeToLive, cancellationToken).ConfigureAwait(false);
        if (_eventGrid is not null)
        {
            await _eventGrid.SendEventAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
        }

        LogPublished(logger, cloudEvent.Type, cloudEvent.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {EventType} {EventId}")]
    private static partial void LogPublished(ILogger logger, string eventType, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A staged event ({MessageId}) whose decision was not written could not be deleted (queue answered {Status}); it stays hidden until the last second before it expires")]
    private static partial void LogDiscardFailed(ILogger logger, string messageId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} was already revealed or received (queue answered {Status})")]
    private static partial void LogAlreadyRevealed(ILogger logger, string eventId, int status);
}
