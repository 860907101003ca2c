using Offboarding.Functions.Persistence;
using Offboarding.Storage.Queues;

namespace Offboarding.Bench.Probes;

/// <summary>
/// Samples the <c>offboarding-requests</c> queue's approximate length four times a second: the backlog in front
/// of the transfer function. Zoho throughput is judged only while there is one, when Zoho, not arrivals, is the limit.
/// </summary>
public sealed class QueueDepthSampler : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly List<(DateTimeOffset At, int Depth)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public QueueDepthSampler(string connectionString)
    {
        _queue = new QueueClient(connectionString, StorageNames.RequestQueue);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public IReadOnlyList<(DateTimeOffset At, int Depth)> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var properties = await _queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
                lock (_samples)
                {
                    _samples.Add((DateTimeOffset.UtcNow, properties.ApproximateMessagesCount));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Not created yet, or storage busy: this sample is skipped, the next one taken as usual.
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }
}
