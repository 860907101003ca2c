namespace Offboarding.Functions.Persistence;

/// <summary>
/// The body of an <c>offboarding-requests</c> message: just the id (the record holds the rest, and no personal
/// data sits in the queue) and the time before which the work must not start. <see cref="SlotWaits"/> counts how
/// often this offboarding has already looked for a free Zoho job slot (its next look waits longer); a
/// <see cref="Wake"/> message is an extra nudge sent when a slot frees up: if it finds none it is simply dropped,
/// since the offboarding's own waiting message is still on the queue.
/// </summary>
public sealed record RequestMessage(string Id, DateTimeOffset NotBefore, int SlotWaits = 0, bool Wake = false);
