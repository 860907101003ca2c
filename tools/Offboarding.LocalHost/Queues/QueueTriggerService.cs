using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Hosting.Storage;

namespace Offboarding.Functions.Hosting.Queues;

/// <summary>Standalone mode's queue trigger: one <see cref="QueueTriggerListener"/> per queue function.</summary>
internal sealed class QueueTriggerService(
    FunctionCatalog catalog,
    IServiceProvider services,
    IOptions<QueueTriggerOptions> options,
    IServiceScopeFactory scopes,
    ILoggerFactory loggers) : TriggerLoopService
{
    protected override IEnumerable<TriggerLoop> CreateLoops()
    {
        if (catalog.Queue.Count == 0)
        {
            return [];
        }

        // Resolved only when there is a queue function, so an app without one needs no storage settings.
        var rawQueues = services.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(StorageClientRegistration.RawQueuesName);
        return catalog.Queue.Select(function => (TriggerLoop)new QueueTriggerListener(
            function,
            rawQueues,
            options.Value,
            scopes,
            loggers.CreateLogger($"{typeof(QueueTriggerListener).FullName}.{function.Name}")).RunAsync).ToList();
    }
}
