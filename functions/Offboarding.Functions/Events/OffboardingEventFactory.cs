using System.Text.Json;
using Azure.Messaging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Events;

/// <summary>Builds the CloudEvents 1.0 an offboarding announces. The id is fixed per (offboarding, outcome), so a re-send
/// after a crash carries the same id and subscribers can drop the duplicate.</summary>
public sealed class OffboardingEventFactory(IOptions<EventsOptions> options, SchemaLocation schemas)
{
    private readonly EventsOptions _options = options.Value;

    public string TypeOf(OffboardingOutcome outcome) => $"{_options.TypePrefix}.offboarding.{outcome.ToEventName()}";

    /// <summary>The published name of the schema of an outcome's event data (Contracts/offboarding.{outcome}.event.schema.json).</summary>
    public static string DataSchemaName(OffboardingOutcome outcome) => $"offboarding.{outcome.ToEventName()}.event.json";

    /// <summary>The event's <c>dataschema</c>: where the app serves its data's schema (<c>{Events__SchemaBaseUri}/api/schemas/{name}</c>).</summary>
    public Uri DataSchema(OffboardingOutcome outcome) => schemas.Of(DataSchemaName(outcome));

    public CloudEvent Create(OffboardingRecord record, OffboardingOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(record);
        var data = new OffboardingEventData(
            record.Id,
            outcome.ToEventName(),
            record.State.ToWireName(),
            record.Request.Operation.ToWireName(),
            record.Request.DryRun,
            record.ZohoJobId,
            record.LeaverZohoId,
            record.TargetZohoId,
            record.TargetRule?.ToWireName(),
            record.FailureCode,
            record.FailureMessage,
            outcome == OffboardingOutcome.DryRun ? [.. record.PlannedCalls] : null,
            $"/api/offboardings/{record.Id}",
            record.Attempt,
            DecidedBy(record, outcome)?.By,
            DecidedBy(record, outcome)?.Reason);

        var cloudEvent = new CloudEvent(_options.Source, TypeOf(outcome), BinaryData.FromObjectAsJson(data, HttpAnswer.JsonOptions), "application/json", CloudEventDataFormat.Json)
        {
            Id = record.EventIdOf(outcome),
            DataSchema = DataSchema(outcome).AbsoluteUri,
            Subject = record.Id,
            Time = OccurredAt(record, outcome),
        };
        AddTraceContext(cloudEvent, record);
        return cloudEvent;
    }

    /// <summary>The CloudEvents Distributed Tracing extension: the offboarding's trace, so subscribers continue it (taken from
    /// the record, not the publishing span, so a re-send stays the same event).</summary>
    public static void AddTraceContext(CloudEvent cloudEvent, OffboardingRecord record)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        ArgumentNullException.ThrowIfNull(record);
        if (record.TraceParent is { } traceParent)
        {
            cloudEvent.ExtensionAttributes["traceparent"] = traceParent;
            if (record.TraceState is { } traceState)
            {
                cloudEvent.ExtensionAttributes["tracestate"] = traceState;
            }
        }
    }

    public const string HoldOpenedSchemaName = "hold.opened.event.json";

    public string HoldOpenedType => $"{_options.TypePrefix}.hold.opened";

    /// <summary>The one event of a hold: its id is fixed per hold, so a repeat after a crash is recognisably the same.</summary>
    public CloudEvent CreateHoldOpened(string holdId, int count, int threshold, TimeSpan window, DateTimeOffset openedAt)
    {
        var data = new HoldOpenedEventData(holdId, count, threshold, System.Xml.XmlConvert.ToString(window), openedAt, "/api/holds");
        return new CloudEvent(_options.Source, HoldOpenedType, BinaryData.FromObjectAsJson(data, HttpAnswer.JsonOptions), "application/json", CloudEventDataFormat.Json)
        {
            Id = $"hold.{holdId}.opened",
            DataSchema = schemas.Of(HoldOpenedSchemaName).AbsoluteUri,
            Subject = "holds",
            Time = openedAt,
        };
    }

    /// <summary>The CloudEvents JSON format of one event (what goes on the events queue).</summary>
    public static string Serialize(CloudEvent cloudEvent) =>
        JsonSerializer.Serialize(cloudEvent);

    private static OperatorAction? DecidedBy(OffboardingRecord record, OffboardingOutcome outcome) => outcome switch
    {
        OffboardingOutcome.Cancelled => record.Cancellation,
        OffboardingOutcome.Released => record.Release,
        OffboardingOutcome.Retried => record.Retry,
        _ => null,
    };

    // The time the outcome happened, not the time of (re-)publishing, so a re-send is byte-for-byte the same event.
    private static DateTimeOffset OccurredAt(OffboardingRecord record, OffboardingOutcome outcome) => outcome switch
    {
        OffboardingOutcome.Submitted => record.SubmittedAt ?? record.UpdatedAt,
        OffboardingOutcome.Stalled => record.StalledAt ?? record.UpdatedAt,
        OffboardingOutcome.Released => record.Release?.At ?? record.UpdatedAt,
        OffboardingOutcome.Retried => record.Retry?.At ?? record.UpdatedAt,
        _ => record.FinishedAt ?? record.UpdatedAt,
    };
}
