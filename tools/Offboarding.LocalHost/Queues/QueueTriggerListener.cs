using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Offboarding.LocalHost.Queues;

/// <summary>
/// Drives one queue function the way the Functions queue trigger does: batches of up to batchSize, a new batch once
/// no more than newBatchThreshold are running, visibility renewed while a function runs, delete on success, on
/// failure either hide the message for visibilityTimeout or, at maxDequeueCount, copy it to <c>{queue}-poison</c>.
/// </summary>
internal sealed partial class QueueTriggerListener
{
    private readonly QueueFunctionDescriptor _function;
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly QueueTriggerOptions _options;
    private readonly bool _base64;
    private readonly IServiceScopeFactory _scopes;
    private readonly QueueWakeups _wakeups;
    private readonly ILogger _logger;
    private readonly HashSet<Task> _running = [];
    private readonly Lock _gate = new();
    private bool _poisonCreated;

    public QueueTriggerListener(
        QueueFunctionDescriptor function,
        QueueServiceClient rawQueues,
        QueueWakeups wakeups,
        QueueTriggerOptions options,
        IServiceScopeFactory scopes,
        ILogger logger)
    {
        _function = function;
        _options = options;
        _base64 = QueueMessageEncodings.IsBase64(options.MessageEncoding);

        // Both clients see the text as stored: the listener decodes it itself, so a message that is not valid
        // base64 is poisoned as the host does, and the poison copy is exactly what was stored.
        _queue = rawQueues.GetQueueClient(function.QueueName);
        _poison = rawQueues.GetQueueClient(PoisonQueueNaming.NameFor(function.QueueName));
        _wakeups = wakeups;
        _scopes = scopes;
        _logger = logger;
    }

    /// <summary>Polls until <paramref name="stopping"/>, then waits for running invocations; <paramref name="abort"/> cancels those.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        var backoff = new PollingBackoff(_options.MaxPollingInterval);
        var threshold = _options.EffectiveNewBatchThreshold;
        var created = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await _queue.CreateIfNotExistsAsync(cancellationToken: stopping).ConfigureAwait(false);
                    created = true;
                }

                QueueMessage[] batch = await _queue.ReceiveMessagesAsync(_options.BatchSize, _options.ProcessingVisibilityTimeout, stopping).ConfigureAwait(false);
                if (batch.Length == 0)
                {
                    var wait = backoff.Next();
                    LogEmpty(_logger, _queue.Name, wait);
                    if (await _wakeups.WaitAsync(_queue.Name, wait, stopping).ConfigureAwait(false))
                    {
                        LogWoken(_logger, _queue.Name);
                        backoff.Reset();
                    }

                    continue;
                }

                backoff.Reset();
                foreach (var message in batch)
                {
                    Track(ProcessAsync(message, abort));
                }

                await WaitUntilRunningAtMostAsync(threshold, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                // Storage unreachable or throttling: keep the listener alive and back off like an empty poll.
                LogPollFailed(_logger, ex, _function.QueueName);
                await DelayQuietlyAsync(backoff.Next(), stopping).ConfigureAwait(false);
            }
        }

        await WaitUntilRunningAtMostAsync(0, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken abort)
    {
        // Let the polling loop go on fetching while this message runs.
        await Task.Yield();
        var text = QueueMessageEncodings.TryDecode(message.MessageText, _base64);
        if (text is null)
        {
            // The host's rule: a message it cannot decode goes straight to poison, untouched, without an invocation.
            LogUndecodable(_logger, message.MessageId, _function.QueueName);
            await PoisonAsync(message, message.PopReceipt, abort).ConfigureAwait(false);
            return;
        }

        if (message.DequeueCount > _options.MaxDequeueCount)
        {
            await PoisonAsync(message, message.PopReceipt, abort).ConfigureAwait(false);
            return;
        }

        var renewal = VisibilityRenewal.Start(_queue, message, _options.ProcessingVisibilityTimeout, _logger);
        Exception? failure = null;
        try
        {
            await InvokeAsync(message, text, abort).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await renewal.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            if (failure is null)
            {
                await _queue.DeleteMessageAsync(message.MessageId, renewal.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else if (failure is OperationCanceledException && abort.IsCancellationRequested)
            {
                // Shutting down, not a failure of the message: make it visible again at once for another instance.
                await _queue.UpdateMessageAsync(message.MessageId, renewal.PopReceipt, (string?)null, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            }
            else if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                LogFailed(_logger, failure, _function.Function.Name, message.MessageId, message.DequeueCount);
                await PoisonAsync(message, renewal.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                LogFailed(_logger, failure, _function.Function.Name, message.MessageId, message.DequeueCount);
                var hidden = await _queue.UpdateMessageAsync(message.MessageId, renewal.PopReceipt, (string?)null, _options.VisibilityTimeout, CancellationToken.None).ConfigureAwait(false);
                LogHidden(_logger, message.MessageId, _options.VisibilityTimeout, hidden.Value.NextVisibleOn);
            }
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
        {
            // The message stays hidden until its visibility lapses and is then delivered again: nothing is lost.
            LogSettleFailed(_logger, ex, message.MessageId, _function.QueueName);
        }
    }

    private async Task InvokeAsync(QueueMessage message, string text, CancellationToken abort)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            // The function sees the text decoded, as the queue trigger hands it over.
            var decoded = QueuesModelFactory.QueueMessage(
                message.MessageId, message.PopReceipt, BinaryData.FromString(text), message.DequeueCount, message.NextVisibleOn, message.InsertedOn, message.ExpiresOn);
            await _function.Function.InvokeAsync(scope.ServiceProvider, decoded, abort).ConfigureAwait(false);
        }
    }

    private async Task PoisonAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        if (!_poisonCreated)
        {
            await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _poisonCreated = true;
        }

        // Copy first, delete second: a crash in between leaves a duplicate, never a loss.
        await _poison.SendMessageAsync(message.MessageText, null, null, cancellationToken).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken).ConfigureAwait(false);
        LogPoisoned(_logger, message.MessageId, message.DequeueCount, _poison.Name);
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _running.Add(task);
        }

        task.ContinueWith(
            completed =>
            {
                lock (_gate)
                {
                    _running.Remove(completed);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task WaitUntilRunningAtMostAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _running];
            }

            if (running.Length <= count)
            {
                return;
            }

            await Task.WhenAny(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping; the loop condition ends the listener.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} failed; hidden for {VisibilityTimeout} (until {NextVisibleOn:O}) before its retry.")]
    private static partial void LogHidden(ILogger logger, string messageId, TimeSpan visibilityTimeout, DateTimeOffset nextVisibleOn);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue} is empty; polling again in {Wait}.")]
    private static partial void LogEmpty(ILogger logger, string queue, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue}: woken by a message this process queued.")]
    private static partial void LogWoken(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed; backing off.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed for message {MessageId} (dequeue count {DequeueCount}).")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is not valid base64 UTF-8; moving it to poison.")]
    private static partial void LogUndecodable(ILogger logger, string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} moved to {PoisonQueue} after {DequeueCount} dequeues.")]
    private static partial void LogPoisoned(ILogger logger, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle message {MessageId} on {Queue}; it will be delivered again.")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string messageId, string queue);
}
