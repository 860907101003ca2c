using Offboarding.Bench.Harness.Load;
using Offboarding.Functions.Persistence;
using Offboarding.Storage.Queues;

namespace Offboarding.Bench.Probes;

/// <summary>
/// Samples the <c>offboarding-requests</c> queue's approximate length four times a second: the backlog in front
/// of the transfer function. Zoho throughput is judged only while there is one, when Zoho, not arrivals, is the limit.
/// </summary>
public sealed class QueueDepthSampler : BackgroundLoop
{
    private readonly QueueClient _queue;
    private readonly List<(DateTimeOffset At, int Depth)> _samples = [];

    public QueueDepthSampler(string connectionString)
        : base(TimeSpan.FromMilliseconds(250))
    {
        _queue = new QueueClient(connectionString, StorageNames.RequestQueue);
        Start();
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

    protected override async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        var properties = await _queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        lock (_samples)
        {
            _samples.Add((DateTimeOffset.UtcNow, properties.ApproximateMessagesCount));
        }

        return false;
    }
}
