namespace Offboarding.Storage.Queues;

/// <summary>Queue properties; the count is approximate by the service's own definition.</summary>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);
