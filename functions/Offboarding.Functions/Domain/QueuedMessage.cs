namespace Offboarding.Functions.Domain;

/// <summary>The request message the intake queued for an offboarding, as the queue answered its send: while the pop receipt
/// still matches, nobody has taken the message yet (docs/adr/010-first-delivery-check.md).</summary>
public sealed record QueuedMessage(string Id, string PopReceipt);
