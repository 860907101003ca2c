using Azure.Storage.Queues;
using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;

namespace Offboarding.Bench.Probes;

/// <summary>
/// Samples the <c>offboarding-requests</c> queue's approximate length four times a second: the backlog in front
/// of the transfer function. Zoho throughput is judged only while there is one, when Zoho, not arrivals, is the limit.
/// Each sample also keeps how long Azurite took to answer, which is how emulator stalls are detected.
/// </summary>
public sealed class QueueDepthSampler : BackgroundLoop
{
    private readonly QueueClient _queue;
    private readonly List<DepthSample> _samples = [];

    public QueueDepthSampler(string connectionString)
        : base(TimeSpan.FromMilliseconds(250))
    {
        _queue = StorageAccount.Pipeline(connectionString).Requests;
        Start();
    }

    public IReadOnlyList<DepthSample> Samples
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
        var sentAt = DateTimeOffset.UtcNow;
        int? depth;
        try
        {
            depth = (await _queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed look still says how long Azurite kept the request waiting.
            depth = null;
        }

        lock (_samples)
        {
            _samples.Add(new DepthSample(sentAt, DateTimeOffset.UtcNow, depth));
        }

        return false;
    }
}
