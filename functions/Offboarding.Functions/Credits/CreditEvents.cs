using Azure.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Events;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Credits;

/// <summary>The CloudEvents of a credit exhaustion episode: <c>zoho.credits.exhausted</c> when it starts and
/// <c>zoho.credits.resumed</c> when a probe goes through, each once per episode (fixed ids; at least once).</summary>
public sealed partial class CreditEvents(OffboardingEventPublisher publisher, IOptions<EventsOptions> options, ILogger<CreditEvents> logger)
{
    public const string ExhaustedSchemaName = "zoho.credits.exhausted.event.json";
    public const string ResumedSchemaName = "zoho.credits.resumed.event.json";
    public const string Subject = "zoho/credits";
    public const string StatusUrl = "/api/zoho/usage";

    private readonly EventsOptions _options = options.Value;

    public string ExhaustedType => $"{_options.TypePrefix}.zoho.credits.exhausted";

    public string ResumedType => $"{_options.TypePrefix}.zoho.credits.resumed";

    public CloudEvent CreateExhausted(CreditMarkRow mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return Create(ExhaustedType, ExhaustedSchemaName, mark.EpisodeId, "exhausted", mark.Since,
            new CreditsExhaustedEventData(mark.EpisodeId, mark.Since, mark.NextProbeAt, StatusUrl));
    }

    public CloudEvent CreateResumed(CreditMarkRow mark, DateTimeOffset resumedAt)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return Create(ResumedType, ResumedSchemaName, mark.EpisodeId, "resumed", resumedAt,
            new CreditsResumedEventData(mark.EpisodeId, mark.Since, resumedAt, System.Xml.XmlConvert.ToString(resumedAt - mark.Since), mark.Refusals, StatusUrl));
    }

    /// <summary>Publishes; a storage failure is logged, not thrown: the episode is in the mark row and the usage route either way.</summary>
    public async Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        try
        {
            await publisher.PublishAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            LogPublishFailed(logger, cloudEvent.Type, ex.Status);
        }
    }

    private CloudEvent Create<T>(string type, string schema, string episodeId, string what, DateTimeOffset at, T data) =>
        new(_options.Source, type, BinaryData.FromObjectAsJson(data, HttpAnswer.JsonOptions), "application/json", CloudEventDataFormat.Json)
        {
            Id = $"zoho.credits.{episodeId}.{what}",
            DataSchema = PublishedDocuments.SchemaId(schema).AbsoluteUri,
            Subject = Subject,
            Time = at,
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{EventType} could not be published (storage answered {Status})")]
    private static partial void LogPublishFailed(ILogger logger, string eventType, int status);
}

/// <summary>The <c>data</c> of <c>zoho.credits.exhausted</c>: Zoho refused a call for exhausted credits; every Zoho call of the app
/// waits, but for a probe at <see cref="NextProbeAt"/>.</summary>
public sealed record CreditsExhaustedEventData(string EpisodeId, DateTimeOffset Since, DateTimeOffset NextProbeAt, string StatusUrl);

/// <summary>The <c>data</c> of <c>zoho.credits.resumed</c>: a probe went through and the app calls Zoho again.</summary>
public sealed record CreditsResumedEventData(string EpisodeId, DateTimeOffset Since, DateTimeOffset ResumedAt, string Duration, int Refusals, string StatusUrl);
