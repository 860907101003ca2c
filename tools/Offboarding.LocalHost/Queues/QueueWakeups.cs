using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.LocalHost.Queues;

/// <summary>
/// Wakes a queue's listener when this process has just put a message on that queue, as the Functions host's shared
/// queue watcher does for messages its functions write: the message is picked up at once instead of after the polling
/// back-off. Messages from other processes are still found by polling.
/// </summary>
public sealed class QueueWakeups
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.OrdinalIgnoreCase);

    public void Notify(string queueName)
    {
        try
        {
            Signal(queueName).Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers any number of messages.
        }
    }

    /// <summary>Waits up to <paramref name="delay"/>; true when woken by a message this process queued.</summary>
    public Task<bool> WaitAsync(string queueName, TimeSpan delay, CancellationToken cancellationToken) =>
        Signal(queueName).WaitAsync(delay, cancellationToken);

    private SemaphoreSlim Signal(string queueName) => _signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
}

/// <summary>Sees the app's own Put Message calls (<c>POST …/{queue}/messages</c> answered 201) and wakes that queue's listener.</summary>
internal sealed class QueueWakeupPolicy(QueueWakeups wakeups) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Observe(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Observe(message);
    }

    private void Observe(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Post || !message.HasResponse || message.Response.Status != 201)
        {
            return;
        }

        var segments = message.Request.Uri.Path.Trim('/').Split('/');
        if (segments.Length >= 2 && segments[^1] == "messages")
        {
            wakeups.Notify(segments[^2]);
        }
    }
}
