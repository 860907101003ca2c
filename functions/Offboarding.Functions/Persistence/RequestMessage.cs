namespace Offboarding.Functions.Persistence;

/// <summary>
/// The body of an <c>offboarding-requests</c> message: just the id (the record holds the rest, and no personal
/// data sits in the queue) and the time before which the work must not start.
/// </summary>
public sealed record RequestMessage(string Id, DateTimeOffset NotBefore);
