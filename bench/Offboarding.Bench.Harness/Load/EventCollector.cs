using Azure;
using Azure.Messaging;
using Azure.Storage.Queues;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Storage;

namespace Offboarding.Bench.Harness.Load;

/// <summary>
/// A subscriber: drains the <c>offboarding-events</c> queue in the background, keeping every event with the time
/// it was seen. A message read twice (its delete lost while storage restarted) is kept once, by queue message id,
/// so a duplicate event id in <see cref="Events"/> is one the app really published twice.
/// </summary>
public sealed class EventCollector : BackgroundLoop
{
    private readonly QueueClient _queue;
    private readonly Dictionary<string, CollectedEvent> _byMessage = [];

    public EventCollector(string storageConnectionString)
        : base(TimeSpan.FromMilliseconds(50))
    {
        _queue = StorageAccount.Pipeline(storageConnectionString).Events;
        Start();
    }

    public IReadOnlyList<CollectedEvent> Events
    {
        get
        {
            lock (_byMessage)
            {
                return [.. _byMessage.Values.OrderBy(e => e.SeenAt)];
            }
        }
    }

    /// <summary>Stops the background reading, then reads until the queue is empty once more.</summary>
    public async Task DrainAndStopAsync()
    {
        await StopAsync().ConfigureAwait(false);
        while (await StepAsync(CancellationToken.None).ConfigureAwait(false))
        {
        }
    }

    protected override async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        var messages = (await _queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false)).Value;
        var seenAt = DateTimeOffset.UtcNow;
        foreach (var message in messages)
        {
            var cloudEvent = CloudEvent.Parse(BinaryData.FromString(message.MessageText))
                ?? throw new InvalidOperationException($"Queue message {message.MessageId} on {StorageNames.EventQueue} is not a CloudEvent.");
            lock (_byMessage)
            {
                _byMessage.TryAdd(message.MessageId, new CollectedEvent(message.MessageId, cloudEvent.Id, cloudEvent.Type, cloudEvent.Subject, seenAt) { QueuedAt = message.InsertedOn });
            }

            try
            {
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // It comes back after its visibility timeout and is recognised by its message id.
            }
        }

        return messages.Length > 0;
    }
}
