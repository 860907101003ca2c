namespace Offboarding.Functions.Domain;

/// <summary>
/// A writer's claim on publishing a record's pending events, taken in the decision's own write, so a live publisher is
/// never raced into sending an event twice. See docs/adr/001-event-outbox-order.md.
/// </summary>
public sealed record EventClaim(string Token, DateTimeOffset At);
