using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Polling;

namespace Offboarding.Functions.Triggers;

/// <summary>The timer-triggered poll; its schedule is the app setting <c>POLL_SCHEDULE</c> (six-field NCRONTAB).</summary>
public sealed partial class TimerTriggers(PollFunction poll, ILogger<TimerTriggers> logger)
{
    [Function("Poll")]
    public async Task PollAsync([TimerTrigger("%POLL_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue(logger);
        }

        await poll.RunCycleAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll is running late (a scheduled run was missed)")]
    private static partial void LogPastDue(ILogger logger);
}
