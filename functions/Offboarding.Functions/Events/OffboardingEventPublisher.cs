using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Storage.Queues;

namespace Offboarding.Functions.Events;

/// <summary>Sends one offboarding CloudEvent to the <c>offboarding-events</c> queue and, when configured, to Event Grid.</summary>
public sealed partial class OffboardingEventPublisher
{
    private readonly QueueClient _queue;
    private readonly EventGridPublisherClient? _eventGrid;
    private readonly OffboardingEventFactory _factory;
    private readonly ILogger<OffboardingEventPublisher> _logger;

    public OffboardingEventPublisher(QueueClient queue, EventGridPublisherClient? eventGrid, OffboardingEventFactory factory, ILogger<OffboardingEventPublisher> logger)
    {
        _queue = queue ?? throw new ArgumentNullException(nameof(queue));
        _eventGrid = eventGrid;
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task PublishAsync(OffboardingRecord record, OffboardingOutcome outcome, CancellationToken cancellationToken)
    {
        var cloudEvent = _factory.Create(record, outcome);
        await _queue.SendMessageAsync(OffboardingEventFactory.Serialize(cloudEvent), null, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
        if (_eventGrid is not null)
        {
            await _eventGrid.SendEventAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
        }

        LogPublished(_logger, cloudEvent.Type, cloudEvent.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {EventType} {EventId}")]
    private static partial void LogPublished(ILogger logger, string eventType, string eventId);
}
