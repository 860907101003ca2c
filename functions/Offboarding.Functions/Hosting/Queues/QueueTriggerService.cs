using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Hosting.Storage;

namespace Offboarding.Functions.Hosting.Queues;

/// <summary>
/// Standalone mode's queue trigger: one <see cref="QueueTriggerListener"/> per queue function. Stopping stops
/// polling first and lets running invocations finish until the host's shutdown timeout, then cancels them.
/// </summary>
internal sealed class QueueTriggerService(
    FunctionCatalog catalog,
    IServiceProvider services,
    IOptions<QueueTriggerOptions> options,
    IServiceScopeFactory scopes,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _listeners = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (catalog.Queue.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Resolved only when there is a queue function, so an app without one needs no storage settings.
        var storage = services.GetRequiredService<StorageClientFactory>();
        foreach (var function in catalog.Queue)
        {
            var listener = new QueueTriggerListener(
                function, storage.CreateQueueClient, options.Value, scopes, loggers.CreateLogger($"{typeof(QueueTriggerListener).FullName}.{function.Name}"));
            _listeners.Add(Task.Run(() => listener.RunAsync(_stopping.Token, _abort.Token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using var abortOnTimeout = cancellationToken.Register(_abort.Cancel);
        await Task.WhenAll(_listeners).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
    }
}
