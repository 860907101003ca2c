using Microsoft.Extensions.Options;

namespace Offboarding.LocalHost.Queues;

/// <summary>Rejects host.json queue values the Functions host would reject, at startup and with the setting's name.</summary>
internal sealed class QueueTriggerOptionsValidator : IValidateOptions<QueueTriggerOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueTriggerOptions options)
    {
        var failures = new List<string>();
        if (options.BatchSize is < 1 or > 32)
        {
            failures.Add($"extensions.queues.batchSize must be 1..32, got {options.BatchSize}.");
        }

        if (options.NewBatchThreshold is < 0)
        {
            failures.Add($"extensions.queues.newBatchThreshold must not be negative, got {options.NewBatchThreshold}.");
        }

        if (options.MaxPollingInterval < TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"extensions.queues.maxPollingInterval must be at least 00:00:00.100, got {options.MaxPollingInterval}.");
        }

        if (options.VisibilityTimeout < TimeSpan.Zero || options.VisibilityTimeout > TimeSpan.FromDays(7))
        {
            failures.Add($"extensions.queues.visibilityTimeout must be 0..7 days, got {options.VisibilityTimeout}.");
        }

        if (options.MaxDequeueCount < 1)
        {
            failures.Add($"extensions.queues.maxDequeueCount must be at least 1, got {options.MaxDequeueCount}.");
        }

        if (!QueueMessageEncodings.IsKnown(options.MessageEncoding))
        {
            failures.Add($"extensions.queues.messageEncoding must be 'base64' or 'none', got '{options.MessageEncoding}'.");
        }

        if (options.ProcessingVisibilityTimeout < TimeSpan.FromSeconds(2) || options.ProcessingVisibilityTimeout > TimeSpan.FromDays(7))
        {
            failures.Add($"The processing visibility timeout must be 2 s..7 days, got {options.ProcessingVisibilityTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
