using Microsoft.Azure.Functions.Worker;

namespace Offboarding.LocalHost.Timers;

/// <summary>
/// Fires one timer function on its NCRONTAB schedule while this instance holds the function's lease. The last run
/// is kept in the lease entity (like the host's schedule monitor): an occurrence missed while no instance ran is
/// run once, late, with <see cref="TimerInfo.IsPastDue"/> set; missed occurrences are not replayed one by one.
/// </summary>
internal sealed partial class TimerScheduler(
    TimerFunctionDescriptor function,
    TimerSchedule schedule,
    TimerLease lease,
    TimerTriggerOptions options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        var renewEvery = options.LeaseDuration / 4;
        DateTimeOffset? pending = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!await lease.TryAcquireOrRenewAsync(stopping).ConfigureAwait(false))
                {
                    LogHeldElsewhere(logger, function.Function.Name);
                    pending = null;
                    await Task.Delay(renewEvery, time, stopping).ConfigureAwait(false);
                    continue;
                }

                var now = time.GetUtcNow();
                var last = lease.LastScheduled;
                pending ??= last is { } previous ? schedule.NextAfter(previous) : schedule.NextAfter(now);
                if (pending > now)
                {
                    // Wake at the occurrence, or earlier to renew the lease.
                    var wait = pending.Value - now;
                    await Task.Delay(wait < renewEvery ? wait : renewEvery, time, stopping).ConfigureAwait(false);
                    continue;
                }

                var pastDue = now - pending.Value > options.PastDueTolerance;
                var occurrence = pastDue ? now : pending.Value;
                pending = null;
                if (!await lease.TryRecordRunAsync(occurrence, stopping).ConfigureAwait(false))
                {
                    continue;
                }

                if (pastDue)
                {
                    LogPastDue(logger, function.Function.Name, occurrence);
                }

                await InvokeWhileRenewingAsync(new TimerInfo { IsPastDue = pastDue, ScheduleStatus = new ScheduleStatus { Last = last?.UtcDateTime ?? default, Next = schedule.NextAfter(occurrence).UtcDateTime, LastUpdated = time.GetUtcNow().UtcDateTime } }, renewEvery, stopping, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                // Storage trouble: the lease may lapse and another instance take over, which is the point of it.
                LogLeaseFailed(logger, ex, function.Function.Name);
                await DelayQuietlyAsync(renewEvery, stopping).ConfigureAwait(false);
            }
        }

        try
        {
            await lease.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
        {
            LogLeaseFailed(logger, ex, function.Function.Name);
        }
    }

    private async Task InvokeWhileRenewingAsync(TimerInfo info, TimeSpan renewEvery, CancellationToken stopping, CancellationToken abort)
    {
        var run = InvokeAsync(info, abort);
        while (!run.IsCompleted && !abort.IsCancellationRequested)
        {
            var tick = Task.Delay(renewEvery, time, abort);
            if (await Task.WhenAny(run, tick).ConfigureAwait(false) == tick && !tick.IsCanceled)
            {
                try
                {
                    await lease.TryAcquireOrRenewAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
                {
                    LogLeaseFailed(logger, ex, function.Function.Name);
                }
            }
        }

        await run.ConfigureAwait(false);
    }

    private async Task InvokeAsync(TimerInfo info, CancellationToken abort)
    {
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await function.Function.InvokeAsync(scope.ServiceProvider, info, abort).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            // Like the host: a failed timer run is logged and not retried; the next occurrence runs as scheduled.
            LogFailed(logger, ex, function.Function.Name);
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {Function}: another instance holds the lease; checking again later.")]
    private static partial void LogHeldElsewhere(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} is past due; running it now for {Occurrence}.")]
    private static partial void LogPastDue(ILogger logger, string function, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Function}: the lease could not be read or renewed.")]
    private static partial void LogLeaseFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again at its next occurrence.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
