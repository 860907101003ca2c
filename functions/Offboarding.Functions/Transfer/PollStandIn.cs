using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>While the poll timer is not running (its instance died and the singleton has not moved yet, up to half a minute),
/// each instance polls the jobs and unknown outcomes it wrote itself, so slots keep freeing and a lost instance costs
/// seconds, not a stalled layoff. Overlap with a returning timer is safe: every write is ETag-guarded (DueEntryHandler).</summary>
public sealed partial class PollStandIn(OwnDueEntries own, PollHeartbeat heartbeat, DueEntryHandler entries, TimeProvider time, ILogger<PollStandIn> logger) : BackgroundService
{
    /// <summary>How late the timer may be, past the run it announced, before its work is taken over; and how often to look.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>The timer's run before the first beat: a new deployment's instances start it within this.</summary>
    private static readonly TimeSpan UnknownScheduleRun = TimeSpan.FromSeconds(10);

    /// <summary>One look: hands this instance's overdue entries to the poll's own handler when the timer is not running, else
    /// leaves them to the timer. Returns how many it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var overdue = own.DueBy(now - Grace);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var beat = await heartbeat.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (beat is { } last && now < (last.NextRun ?? last.RanAt + UnknownScheduleRun) + Grace)
        {
            // The timer runs: these were its to handle (and were, or are being).
            foreach (var entry in overdue)
            {
                own.Forget(entry);
            }

            return 0;
        }

        LogStandingIn(logger, overdue.Count, beat?.RanAt);
        foreach (var entry in overdue)
        {
            own.Forget(entry);

            // Anything still running is due again and tracked anew by the handler's own write.
            await entries.HandleAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return overdue.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The timer, once back, finds whatever is left in the due index.
                LogStandInFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The poll timer is not running (last ran {LastRun}): this instance polls its own {Count} due entries")]
    private static partial void LogStandingIn(ILogger logger, int count, DateTimeOffset? lastRun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Standing in for the poll timer failed ({Error}); tried again shortly")]
    private static partial void LogStandInFailed(ILogger logger, string error);
}
