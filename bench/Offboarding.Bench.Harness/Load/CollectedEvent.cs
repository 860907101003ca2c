namespace Offboarding.Bench.Harness.Load;

/// <summary>One CloudEvent read from the events queue, with the queue message that carried it, when that was queued and when it was seen.</summary>
public sealed record CollectedEvent(string QueueMessageId, string EventId, string Type, string? Subject, DateTimeOffset SeenAt)
{
    /// <summary>When the queue took the message (its insertion time); ties a repeat to what happened at that moment.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>Whether the event announces an offboarding finished (completed or failed).</summary>
    public bool IsTerminal =>
        Type.EndsWith(".offboarding.completed", StringComparison.Ordinal) || Type.EndsWith(".offboarding.failed", StringComparison.Ordinal);
}
