using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Tests.Hosting.TestFunctions;

/// <summary>
/// A queue function that records every invocation. It fails for messages containing "fail", and holds messages
/// containing "slow" until <see cref="ReleaseSlow"/> is called, so tests can keep an invocation running.
/// </summary>
internal sealed partial class RecordingQueueFunction(string queueName, ILogger<RecordingQueueFunction> logger) : IQueueFunction
{
    private readonly TaskCompletionSource _releaseSlow = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "RecordQueue";

    public string QueueName => queueName;

    public ConcurrentQueue<QueueTriggerMessage> Invocations { get; } = new();

    public void ReleaseSlow() => _releaseSlow.TrySetResult();

    public async Task RunAsync(QueueTriggerMessage message, CancellationToken cancellationToken)
    {
        Invocations.Enqueue(message);
        LogProcessing(logger, message.MessageId, message.DequeueCount);
        if (message.MessageText.Contains("slow", StringComparison.Ordinal))
        {
            await _releaseSlow.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (message.MessageText.Contains("fail", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"test failure for {message.MessageId}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "processing message {MessageId} dequeue {DequeueCount}")]
    private static partial void LogProcessing(ILogger logger, string messageId, long dequeueCount);
}
