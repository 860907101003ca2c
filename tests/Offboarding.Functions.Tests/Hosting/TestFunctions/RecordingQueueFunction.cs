using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Offboarding.Functions.Tests.Hosting.TestFunctions;

/// <summary>
/// A queue function that records every invocation. It fails for messages containing "fail", and holds messages
/// containing "slow" until <see cref="ReleaseSlow"/> is called, so tests can keep an invocation running.
/// </summary>
internal sealed partial class RecordingQueueFunction(ILogger<RecordingQueueFunction> logger)
{
    private readonly TaskCompletionSource _releaseSlow = new(TaskCreationOptions.RunContinuationsAsynchronously);



    private int _running;
    private int _peak;
    private int _completed;

    public ConcurrentQueue<QueueMessage> Invocations { get; } = new();

    /// <summary>Invocations that have returned or thrown.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>The most invocations that ran at once.</summary>
    public int PeakConcurrency => Volatile.Read(ref _peak);

    public void ReleaseSlow() => _releaseSlow.TrySetResult();

    public async Task RunAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        Invocations.Enqueue(message);
        LogProcessing(logger, message.MessageId, message.DequeueCount);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _peak, running);
        try
        {
            if (message.MessageText.Contains("slow", StringComparison.Ordinal))
            {
                await _releaseSlow.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (message.MessageText.Contains("pause", StringComparison.Ordinal))
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            if (message.MessageText.Contains("fail", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"test failure for {message.MessageId}");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _completed);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "processing message {MessageId} dequeue {DequeueCount}")]
    private static partial void LogProcessing(ILogger logger, string messageId, long dequeueCount);
}
