namespace Offboarding.Functions.Storage;

/// <summary>
/// The body of an <c>offboarding-requests</c> message: the offboarding's id and the time before which the work must not
/// start. <see cref="SlotWaits"/> counts how often this offboarding has already looked for a free Zoho job slot (its
/// next look waits longer); a <see cref="Wake"/> message is an extra nudge sent when a slot frees up: if it finds none
/// it is simply dropped, since the offboarding's own waiting message is still on the queue.
/// <para>The intake's message also carries <see cref="Origin"/>: the new record as the intake made it, sealed
/// (<see cref="Sealer"/>, so no personal data sits readable in the queue). The intake sends the message before it stores
/// the record, so if it dies in between, the transfer step stores the record from here: a request answered 202 is never
/// lost, at two storage calls per request.</para>
/// </summary>
public sealed record RequestMessage(string Id, DateTimeOffset NotBefore, int SlotWaits = 0, bool Wake = false, string? Origin = null);
