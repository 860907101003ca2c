namespace Offboarding.Bench.Harness.Load;

/// <summary>
/// Runs a step again and again in the background until stopped: at once after a step that found work, after a
/// pause otherwise. A failing step (storage restarting, a queue not created yet) is retried after the pause, so
/// an observer keeps observing whatever happens to the system it watches.
/// </summary>
public abstract class BackgroundLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _pause;
    private Task? _loop;

    protected BackgroundLoop(TimeSpan pause) => _pause = pause;

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the loop; call it last in the derived constructor, once the step has what it needs.</summary>
    protected void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>One step; true when it found work, so the next step follows without a pause.</summary>
    protected abstract Task<bool> StepAsync(CancellationToken cancellationToken);

    protected async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_loop is not null)
            {
                await _loop.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            bool busy;
            try
            {
                busy = await StepAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                busy = false;
            }

            if (!busy)
            {
                await Task.Delay(_pause, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
