using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>Each instance polls the jobs and unknown outcomes it wrote itself, at their due time (docs/adr/009-owners-poll-their-jobs.md):
/// polling grows with the instances instead of resting on the timer's one, and a job's slot frees within a tick of its
/// end. The poll timer takes what no live instance looks after (<see cref="PollHandler.OwnerGrace"/>).</summary>
public sealed partial class OwnDuePoller(OwnDueEntries own, DueEntryHandler entries, IOptions<PollOptions> options, TimeProvider time, ILogger<OwnDuePoller> logger)
    : BackgroundService
{
    /// <summary>How often due entries are looked for: a job's slot waits half of it on average.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _workers = new(Math.Max(1, options.Value.MaxConcurrency));
    private readonly ConcurrentDictionary<string, bool> _inHand = new(StringComparer.Ordinal);

    /// <summary>Handles every entry of this instance that is due and not already in hand; completes when those are done.
    /// Returns how many it took.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var taken = new List<Task>();
        foreach (var entry in own.DueBy(time.GetUtcNow()))
        {
            if (_inHand.TryAdd(entry.OffboardingId, true))
            {
                taken.Add(HandleAsync(entry, cancellationToken));
            }
        }

        await Task.WhenAll(taken).ConfigureAwait(false);
        return taken.Count;
    }

    public override void Dispose()
    {
        _workers.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        var running = new List<Task>();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // Not awaited here: one slow entry must not hold back the ones due after it (the workers bound how many run).
                running.RemoveAll(task => task.IsCompleted);
                running.Add(RunDueAsync(stoppingToken));
            }
        }
        finally
        {
            // The service is disposed only after the handlers it started have ended (or seen the stop).
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task HandleAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _workers.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // The handler's own write tracks the record's next entry (a job still running), here as on any instance.
                own.Forget(entry);
                using var scope = logger.BeginOffboardingScope(entry.OffboardingId);
                await entries.HandleAsync(entry, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _workers.Release();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The due index still holds it: the timer takes it once the owner's grace is over.
            LogEntryFailed(logger, entry.OffboardingId, ex.GetType().Name);
        }
        finally
        {
            _inHand.TryRemove(entry.OffboardingId, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling offboarding {OffboardingId} failed ({Error}); the poll timer takes it up")]
    private static partial void LogEntryFailed(ILogger logger, string offboardingId, string error);
}
