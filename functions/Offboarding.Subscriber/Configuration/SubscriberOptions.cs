namespace Offboarding.Subscriber.Configuration;

/// <summary>Settings of the sample subscriber (section <c>Subscriber</c>; <c>Subscriber__Key</c> as app settings).</summary>
public sealed class SubscriberOptions
{
    public const string Section = "Subscriber";

    /// <summary>The offboarding app's base URL: an event's <c>dataschema</c> is only fetched from under it.</summary>
    public Uri? AppBaseUri { get; set; }

    /// <summary>The chat's incoming-webhook URL (Teams or Slack); a secret, since anyone holding it can post.</summary>
    public Uri? ChatWebhookUri { get; set; }

    /// <summary>An operator key of the offboarding app (optional): with it the message names the leaver, read from the
    /// event's <c>statusUrl</c>; without it the message names Zoho ids only. A secret.</summary>
    public string? OperatorKey { get; set; }

    /// <summary>How long a claimed event id is reserved for the delivery that claimed it, before another may take it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The table of handled event ids.</summary>
    public string HandledEventsTable { get; set; } = "handledevents";
}
