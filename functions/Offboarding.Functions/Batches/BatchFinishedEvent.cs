using Azure.Messaging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Events;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Batches;

/// <summary>The <c>data</c> of <c>batch.finished</c>: counts and where the report is; no names or emails of the people.</summary>
public sealed record BatchFinishedEventData(
    string BatchId,
    string State,
    int People,
    int Ready,
    int Completed,
    int Failed,
    int NotStarted,
    int Skipped,
    string? ApprovedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset FinishedAt,
    string StatusUrl,
    string ReportUrl);

/// <summary>Builds the one event of a batch's end; its id is fixed per batch so a repeat is recognisably the same.</summary>
public sealed class BatchFinishedEvent(IOptions<EventsOptions> options)
{
    public const string SchemaName = "batch.finished.event.json";

    public string Type => $"{options.Value.TypePrefix}.batch.finished";

    public CloudEvent Create(BatchRecord batch, BatchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(progress);
        var finishedAt = batch.FinishedAt ?? batch.CreatedAt;
        var data = new BatchFinishedEventData(
            batch.Id,
            System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(batch.State.ToString()),
            batch.Total,
            batch.Ready,
            progress.Completed,
            progress.Failed,
            progress.Counts.GetValueOrDefault("not_started") + progress.Counts.GetValueOrDefault("cancelled"),
            progress.Counts.GetValueOrDefault("skipped"),
            batch.Approval?.By,
            batch.StartedAt,
            finishedAt,
            $"/api/batches/{batch.Id}",
            $"/api/batches/{batch.Id}/report");
        return new CloudEvent(options.Value.Source, Type, BinaryData.FromObjectAsJson(data, HttpAnswer.JsonOptions), "application/json", CloudEventDataFormat.Json)
        {
            Id = $"batch.{batch.Id}.finished",
            DataSchema = PublishedDocuments.SchemaId(SchemaName).AbsoluteUri,
            Subject = $"batches/{batch.Id}",
            Time = finishedAt,
        };
    }
}
