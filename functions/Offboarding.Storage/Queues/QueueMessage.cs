namespace Offboarding.Storage.Queues;

/// <summary>
/// A received message, invisible to others until <see cref="NextVisibleOn"/>.
/// <see cref="MessageText"/> is decoded per the client's encoding; when the stored text was not valid
/// base64 UTF-8 (written by another producer), it holds the raw stored text and <see cref="DecodingFailed"/> is true,
/// so a consumer can dead-letter it instead of failing the whole receive.
/// </summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string MessageText,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn,
    bool DecodingFailed = false);
