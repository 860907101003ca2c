using Azure;
using Azure.Identity;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Options;

namespace Offboarding.Functions.Events;

/// <summary>The Event Grid topic events also go to, when one is configured: its key if set, else the app's managed identity.</summary>
public sealed class EventGridTopic(IOptions<EventsOptions> options)
{
    public EventGridPublisherClient? Client { get; } = options.Value switch
    {
        { EventGridEndpoint: null } => null,
        { EventGridEndpoint: { } endpoint, EventGridKey: { Length: > 0 } key } => new EventGridPublisherClient(endpoint, new AzureKeyCredential(key)),
        { EventGridEndpoint: { } endpoint } => new EventGridPublisherClient(endpoint, new DefaultAzureCredential()),
    };
}
