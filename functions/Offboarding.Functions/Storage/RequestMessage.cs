namespace Offboarding.Functions.Storage;

/// <summary>
/// An <c>offboarding-requests</c> message: the id, the earliest start, the slot looks so far, whether it is a wake-up,
/// and the intake's sealed record (<see cref="Origin"/>), so a record the intake failed to store is never lost.
/// </summary>
public sealed record RequestMessage(string Id, DateTimeOffset NotBefore, int SlotWaits = 0, bool Wake = false, string? Origin = null);
