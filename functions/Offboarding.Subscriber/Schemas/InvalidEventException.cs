namespace Offboarding.Subscriber.Schemas;

/// <summary>An event this subscriber will never accept, however often it is delivered (malformed, or data its schema refuses).</summary>
public sealed class InvalidEventException(string message) : Exception(message);
