using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Storage;

namespace Offboarding.LocalHost.Queues;

/// <summary>The local host's queue trigger: one <see cref="QueueTriggerListener"/> per queue function.</summary>
internal sealed class QueueTriggerService(
    FunctionCatalog catalog,
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<QueueTriggerOptions> options,
    IServiceScopeFactory scopes,
    QueueWakeups wakeups,
    ILoggerFactory loggers) : TriggerLoopService
{
    protected override IEnumerable<TriggerLoop> CreateLoops()
    {
        if (catalog.Queue.Count == 0)
        {
            return [];
        }

        // Resolved only when there is a queue function, so an app without one needs no storage settings.
        // Messages as stored: the listener decodes them itself, so undecodable ones are poisoned as the host does.
        var storage = services.GetRequiredService<StorageClientFactory>();
        var rawQueues = storage.CreateQueueServiceClient(StorageClientRegistration.Configure(new QueueClientOptions(), QueueMessageEncoding.None), storage.Credential);
        return catalog.Queue.Select(function => (TriggerLoop)new QueueTriggerListener(
            function with { QueueName = BindingExpressions.Resolve(function.QueueName, configuration) },
            rawQueues,
            wakeups,
            options.Value,
            scopes,
            loggers.CreateLogger($"{typeof(QueueTriggerListener).FullName}.{function.Function.Name}")).RunAsync).ToList();
    }
}
