using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Offboarding.LocalHost.Queues;

/// <summary>
/// Keeps a message hidden while its function runs, renewing at half the visibility timeout. Each renewal replaces
/// the pop receipt, so whoever deletes or releases the message afterwards must use <see cref="PopReceipt"/>.
/// </summary>
internal sealed partial class VisibilityRenewal : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _visibility;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string _popReceipt;

    private VisibilityRenewal(QueueClient queue, QueueMessage message, TimeSpan visibility, ILogger logger)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _popReceipt = message.PopReceipt;
        _visibility = visibility;
        _logger = logger;
        _loop = RenewAsync();
    }

    public string PopReceipt => Volatile.Read(ref _popReceipt);

    public static VisibilityRenewal Start(QueueClient queue, QueueMessage message, TimeSpan visibility, ILogger logger) =>
        new(queue, message, visibility, logger);

    /// <summary>Stops renewing and waits for a renewal in flight, so the caller's next call sees the final pop receipt.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RenewAsync()
    {
        var interval = _visibility / 2;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
                var receipt = await _queue.UpdateMessageAsync(_messageId, PopReceipt, (string?)null, _visibility, _stop.Token).ConfigureAwait(false);
                Volatile.Write(ref _popReceipt, receipt.Value.PopReceipt);
                LogRenewed(_logger, _messageId, receipt.Value.NextVisibleOn);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                // Keep trying: if renewal keeps failing the message reappears and is handled again (at-least-once).
                LogRenewalFailed(_logger, ex, _messageId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue message {MessageId} stays hidden until {NextVisibleOn:O}.")]
    private static partial void LogRenewed(ILogger logger, string messageId, DateTimeOffset nextVisibleOn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the visibility of queue message {MessageId}; it may be delivered again.")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string messageId);
}
