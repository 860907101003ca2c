namespace Offboarding.Functions.Domain;

/// <summary>
/// An outcome's CloudEvent queued hidden, with the receipt that reveals it; recorded before the reveal, so a crash never
/// leaves two visible copies. See docs/adr/001-event-outbox-order.md.
/// </summary>
public sealed record StagedEvent(OffboardingOutcome Outcome, string MessageId, string PopReceipt);
