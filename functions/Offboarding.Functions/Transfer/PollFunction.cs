using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Offboarding.Functions.Transfer;

/// <summary>The timer-triggered poll; its schedule is the app setting <c>POLL_SCHEDULE</c> (six-field NCRONTAB). It takes the
/// due entries no live instance looks after: each instance polls its own (<see cref="OwnDuePoller"/>).</summary>
public sealed partial class PollFunction(PollHandler poll, ILogger<PollFunction> logger)
{
    [Function("Poll")]
    public async Task PollAsync([TimerTrigger("%POLL_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue(logger);
        }

        await poll.RunCycleAsync(cancellationToken, PollHandler.OwnerGrace).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll is running late (a scheduled run was missed)")]
    private static partial void LogPastDue(ILogger logger);
}
