namespace Offboarding.Bench.Harness.Load;

/// <summary>One CloudEvent read from the events queue, with the queue message that carried it and when it was seen.</summary>
public sealed record CollectedEvent(string QueueMessageId, string EventId, string Type, string? Subject, DateTimeOffset SeenAt);
