namespace Offboarding.Functions.Events;

/// <summary>Settings of the completion events (section <c>Events</c>).</summary>
public sealed class EventsOptions
{
    /// <summary>Reverse-DNS prefix of the CloudEvent type: <c>{prefix}.offboarding.completed</c>.</summary>
    public string TypePrefix { get; set; } = "com.example";

    /// <summary>CloudEvent <c>source</c>.</summary>
    public string Source { get; set; } = "/offboarding";

    /// <summary>Event Grid topic endpoint (CloudEvents schema); empty means events go to the queue only.</summary>
    public Uri? EventGridEndpoint { get; set; }

    /// <summary>The app's own base URL, where <c>/api/schemas/{name}</c> is served: events' <c>dataschema</c> points there. Unset, it is
    /// <c>https://{WEBSITE_HOSTNAME}</c> in Azure, else the local host's URL (<see cref="AppBaseUri"/>).</summary>
    public Uri? SchemaBaseUri { get; set; }

    /// <summary>Topic access key; empty with an endpoint set means managed identity (EventGrid Data Sender role).</summary>
    public string? EventGridKey { get; set; }
}
