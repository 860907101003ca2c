using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Offboarding.Subscriber.Handling;

namespace Offboarding.Subscriber.Delivery;

/// <summary>
/// The two ways events reach the subscriber, one handler behind both: the app's <c>offboarding-events</c> queue, and an
/// Event Grid subscription (CloudEvents 1.0 schema) delivering to a webhook.
/// </summary>
public sealed class SubscriberFunctions(CompletionHandler handler, EventGridDelivery eventGrid)
{
    /// <summary>The queue the offboarding app publishes to.</summary>
    public const string EventsQueue = "offboarding-events";

    /// <summary>A failure throws: the host makes the message visible again and, after host.json's maxDequeueCount, moves it to <c>offboarding-events-poison</c>.</summary>
    [Function("OnQueuedEvent")]
    public Task OnQueuedEventAsync([QueueTrigger(EventsQueue)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return handler.HandleAsync(message.Body, cancellationToken);
    }

    /// <summary>
    /// Event Grid's webhook delivery: the function key in the subscription's URL authenticates it. A 5xx makes Event Grid
    /// retry (its retry policy), a 400 dead-letters the event at once.
    /// </summary>
    [Function("OnEventGridEvent")]
    public Task<IActionResult> OnEventGridEventAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", Route = "eventgrid")] HttpRequest request, CancellationToken cancellationToken) =>
        eventGrid.DeliverAsync(request, cancellationToken);
}
