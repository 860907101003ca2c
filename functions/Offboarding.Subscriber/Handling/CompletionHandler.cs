using System.Text.Json;
using Azure.Messaging;
using Microsoft.Extensions.Logging;
using Offboarding.Subscriber.Chat;
using Offboarding.Subscriber.Schemas;

namespace Offboarding.Subscriber.Handling;

/// <summary>
/// What the subscriber does with one CloudEvent, whichever trigger brought it: a completed or failed offboarding is
/// checked against the schema its <c>dataschema</c> names, claimed by id, and announced in the chat exactly once.
/// </summary>
public sealed partial class CompletionHandler(DataSchemas schemas, HandledEvents handled, LeaverNames names, ChatWebhook chat, ILogger<CompletionHandler> logger)
{
    private static readonly string[] Reacts = [".offboarding.completed", ".offboarding.failed"];

    /// <summary>Handles the CloudEvents JSON format of one event (as it arrives on the queue).</summary>
    public Task<HandlingOutcome> HandleAsync(BinaryData json, CancellationToken cancellationToken)
    {
        CloudEvent? cloudEvent;
        try
        {
            cloudEvent = CloudEvent.Parse(json);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
        {
            throw new InvalidEventException($"Not a CloudEvent in the JSON format: {ex.Message}");
        }

        return HandleAsync(cloudEvent ?? throw new InvalidEventException("Not a CloudEvent: null."), cancellationToken);
    }

    /// <exception cref="InvalidEventException">The event can never be handled (the trigger should not retry it).</exception>
    public async Task<HandlingOutcome> HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (!Reacts.Any(suffix => cloudEvent.Type.EndsWith(suffix, StringComparison.Ordinal)))
        {
            return HandlingOutcome.NotOfInterest;
        }

        if (cloudEvent.Data is null || !Uri.TryCreate(cloudEvent.DataSchema, UriKind.Absolute, out var dataSchema))
        {
            throw new InvalidEventException($"Event {cloudEvent.Id} has no data or no absolute dataschema.");
        }

        using var data = JsonDocument.Parse(cloudEvent.Data);
        var problems = await schemas.ProblemsAsync(dataSchema, data.RootElement, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            throw new InvalidEventException($"Event {cloudEvent.Id} does not match {dataSchema}: {string.Join("; ", problems)}");
        }

        if (await handled.TryClaimAsync(cloudEvent.Id, cloudEvent.Type, cancellationToken).ConfigureAwait(false) is not { } claim)
        {
            LogDuplicate(logger, cloudEvent.Id);
            return HandlingOutcome.AlreadyHandled;
        }

        try
        {
            var text = CompletionMessage.For(data.RootElement, await names.FindAsync(data.RootElement, cancellationToken).ConfigureAwait(false));
            await chat.PostAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Given back, so the trigger's retry posts it; nothing went out.
            await handled.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await handled.MarkPostedAsync(claim, cancellationToken).ConfigureAwait(false);
        LogPosted(logger, cloudEvent.Type, cloudEvent.Id);
        return HandlingOutcome.Posted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted the chat message for {EventType} {EventId}")]
    private static partial void LogPosted(ILogger logger, string eventType, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} was already handled; dropped")]
    private static partial void LogDuplicate(ILogger logger, string eventId);
}

/// <summary>What one delivery of an event came to.</summary>
public enum HandlingOutcome
{
    Posted,
    AlreadyHandled,
    NotOfInterest,
}
