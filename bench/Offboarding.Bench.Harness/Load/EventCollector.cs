using Azure;
using Azure.Messaging;
using Offboarding.Functions.Persistence;
using Offboarding.Storage.Queues;

namespace Offboarding.Bench.Harness.Load;

/// <summary>
/// A subscriber: drains the <c>offboarding-events</c> queue in the background, keeping every event with the time
/// it was seen. A message read twice (its delete lost while storage restarted) is kept once, by queue message id,
/// so a duplicate event id in <see cref="Events"/> is one the app really published twice.
/// </summary>
public sealed class EventCollector : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly Dictionary<string, CollectedEvent> _byMessage = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public EventCollector(string storageConnectionString)
    {
        _queue = new QueueClient(storageConnectionString, StorageNames.EventQueue);
        _loop = Task.Run(() => RunAsync(_stop.Token));
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

    public int Count
    {
        get
        {
            lock (_byMessage)
            {
                return _byMessage.Count;
            }
        }
    }

    /// <summary>Reads until the queue is empty once more, then stops.</summary>
    public async Task DrainAndStopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        while (await ReceiveBatchAsync(CancellationToken.None).ConfigureAwait(false) > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await ReceiveBatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Queue not created yet, storage restarting (refused, reset or timed-out requests): a subscriber
                // keeps reading whatever the failure, so look again shortly.
                received = 0;
            }

            if (received == 0)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> ReceiveBatchAsync(CancellationToken cancellationToken)
    {
        var messages = await _queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        var seenAt = DateTimeOffset.UtcNow;
        foreach (var message in messages)
        {
            var cloudEvent = CloudEvent.Parse(BinaryData.FromString(message.MessageText))
                ?? throw new InvalidOperationException($"Queue message {message.MessageId} on {StorageNames.EventQueue} is not a CloudEvent.");
            lock (_byMessage)
            {
                _byMessage.TryAdd(message.MessageId, new CollectedEvent(message.MessageId, cloudEvent.Id, cloudEvent.Type, cloudEvent.Subject, seenAt));
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

        return messages.Count;
    }
}
