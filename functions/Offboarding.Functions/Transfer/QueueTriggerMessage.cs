namespace Offboarding.Functions.Transfer;

/// <summary>A queue message as a queue-triggered function receives it: text already decoded from base64.</summary>
public sealed record QueueTriggerMessage(
    string MessageId,
    string MessageText,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset? ExpiresOn,
    string? PopReceipt);
