namespace Offboarding.Functions.Storage;

/// <summary>
/// An <c>offboarding-requests</c> message: the id, the earliest start, the slot looks so far, whether it is a wake-up, the
/// intake's sealed record (<see cref="Origin"/>, never lost), and the offboarding's W3C <see cref="TraceParent"/>.
/// </summary>
public sealed record RequestMessage(string Id, DateTimeOffset NotBefore, int SlotWaits = 0, bool Wake = false, string? Origin = null, string? TraceParent = null);
