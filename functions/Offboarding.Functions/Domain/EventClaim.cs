namespace Offboarding.Functions.Domain;

/// <summary>
/// A writer's claim on publishing a record's pending events, taken in the same ETag-guarded write that decided
/// them (or in a write of its own when recovering). Others leave the events alone until <see cref="At"/> plus the
/// claim lease has passed, so a live publisher is never raced into sending an event twice.
/// </summary>
public sealed record EventClaim(string Token, DateTimeOffset At);
