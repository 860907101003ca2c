namespace Offboarding.LocalHost;

/// <summary>
/// Runs one polling loop per function in the local host. Stopping ends the loops' polling first and lets work in
/// flight finish; that work is cancelled only when the host's shutdown timeout expires.
/// </summary>
internal abstract class TriggerLoopService : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _loops = [];

    /// <summary>Each loop gets the stopping token (stop polling) and the abort token (cancel running invocations).</summary>
    protected delegate Task TriggerLoop(CancellationToken stopping, CancellationToken abort);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var loop in CreateLoops())
        {
            _loops.Add(Task.Run(() => loop(_stopping.Token, _abort.Token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using var abortOnTimeout = cancellationToken.Register(_abort.Cancel);
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The loops to run; called once at start. Throwing here stops the app from starting.</summary>
    protected abstract IEnumerable<TriggerLoop> CreateLoops();

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
            _abort.Dispose();
        }
    }
}
