namespace Offboarding.Functions.Domain;

/// <summary>
/// An outcome's CloudEvent already on the events queue but still invisible, and the receipt that makes it visible.
/// Recorded before it is revealed, so a writer that dies at any point leaves either nothing visible (the hidden copy
/// expires unseen) or a reveal that can be repeated without a second copy.
/// </summary>
public sealed record StagedEvent(OffboardingOutcome Outcome, string MessageId, string PopReceipt);
