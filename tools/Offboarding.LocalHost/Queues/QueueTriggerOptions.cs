namespace Offboarding.LocalHost.Queues;

/// <summary>
/// The queue-trigger settings, bound from host.json's <c>extensions.queues</c> (the same values the Functions host
/// uses in Azure) with the host's defaults for anything host.json leaves out.
/// </summary>
public sealed class QueueTriggerOptions
{
    /// <summary>Messages fetched per request (1..32).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>A new batch is fetched once this few are still running; default (batchSize / 2) × processor count, as the host.</summary>
    public int? NewBatchThreshold { get; set; }

    /// <summary>The longest wait between polls of an empty queue; polling backs off to it from 100 ms.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed message stays invisible before its retry.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Failures after which a message moves to <c>{queue}-poison</c>.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary><c>base64</c> (the host's default) or <c>none</c>.</summary>
    public string MessageEncoding { get; set; } = "base64";

    /// <summary>
    /// Not a host.json setting: how long a received message stays hidden while its function runs. It is renewed
    /// at half this interval for as long as the function runs, so a long run is not delivered twice. The host uses 10 minutes.
    /// </summary>
    public TimeSpan ProcessingVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The effective new-batch threshold.</summary>
    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? (BatchSize / 2) * Environment.ProcessorCount;
}
