using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>The timer-triggered poll; its schedule is the app setting <c>POLL_SCHEDULE</c> (six-field NCRONTAB).</summary>
public sealed partial class PollFunction(PollHandler poll, PollHeartbeat heartbeat, TimeProvider time, ILogger<PollFunction> logger)
{
    [Function("Poll")]
    public async Task PollAsync([TimerTrigger("%POLL_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue(logger);
        }

        var next = NextOccurrence(timer);
        try
        {
            // Tells the other instances the timer runs (PollStandIn); a cycle goes on without it.
            await heartbeat.BeatAsync(time.GetUtcNow(), next, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            LogHeartbeatFailed(logger, ex.Status);
        }

        await poll.RunCycleAsync(cancellationToken, next).ConfigureAwait(false);
    }

    /// <summary>The next scheduled run as the host reports it (its schedule monitor); null when it does not.</summary>
    private static DateTimeOffset? NextOccurrence(TimerInfo timer)
    {
        if (timer.ScheduleStatus is not { } status || status.Next == default)
        {
            return null;
        }

        var next = status.Next;
        return next.Kind == DateTimeKind.Local ? new DateTimeOffset(next) : new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll: could not record that the timer runs (storage answered {Status})")]
    private static partial void LogHeartbeatFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll is running late (a scheduled run was missed)")]
    private static partial void LogPastDue(ILogger logger);
}
