using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>When a job or a leaver is looked at next: when recent jobs suggest the job ends, else on the poll back-off,
/// so a job costs about one status call and its Zoho job slot is free soon after it ends.</summary>
public sealed class PollTiming(JobDurations durations, BackoffSchedule backoff, IOptions<PollOptions> poll, IOptions<TransferOptions> transfer)
{
    /// <summary>Status polls of one job, counting the first, after which a job still running is polled on the back-off only.</summary>
    private const int QuickPolls = 3;

    private static readonly TimeSpan MinQuickStep = TimeSpan.FromMilliseconds(100);

    private readonly PollOptions _poll = poll.Value;
    private readonly TransferOptions _transfer = transfer.Value;

    /// <summary>After a submission at <paramref name="now"/>, the first status poll: when recent jobs suggest this one ends.</summary>
    public TimeSpan FirstPollAt(DateTimeOffset now) => durations.FirstPollAt(now) ?? backoff.DelayFor(0);

    /// <summary>After an unknown outcome, the first check of the leaver: once a job it may have scheduled would most likely have
    /// ended (the typical recent job), else on the back-off; never after the verify window.</summary>
    public TimeSpan FirstCheck
    {
        get
        {
            var delay = durations.Typical ?? backoff.DelayFor(0);
            return delay < _transfer.UnconfirmedWindow ? delay : _transfer.UnconfirmedWindow;
        }
    }

    /// <summary>A job still running this long after submission is announced as stalled.</summary>
    public TimeSpan StalledAfter => _poll.StalledAfter;

    /// <summary>How long an accepted record may sit unpicked before the poll's sweep queues it again.</summary>
    public TimeSpan SweepAfter => _poll.SweepAfter;

    /// <summary>The back-off's delay before look number <paramref name="looks"/> (0 = the first).</summary>
    public TimeSpan Backoff(int looks) => backoff.DelayFor(looks);

    /// <summary>A poll <paramref name="took"/> after submission found the job finished: later first polls aim there.</summary>
    public void Finished(TimeSpan took) => durations.Finished(took);

    /// <summary>A job still running is polled again when recent jobs suggest it ends (younger than the shortest recent one),
    /// else on the back-off schedule.</summary>
    public DateTimeOffset NextPoll(OffboardingRecord record, TransferJobStatus? status, TimeSpan? age, DateTimeOffset now)
    {
        if (status is { State: TransferJobState.Scheduled or TransferJobState.InProgress } && age is { } running)
        {
            durations.Running(running);
            if (durations.Shortest is { } shortest && record.SubmittedAt is { } submitted)
            {
                if (running < shortest)
                {
                    return submitted + shortest;
                }

                if (record.PollCount < QuickPolls)
                {
                    // About as long as the shortest recent job: it ends any moment, so look again shortly rather than
                    // at the back-off (a few times only: a job far longer than recent ones goes on at the back-off).
                    var step = TimeSpan.FromTicks(Math.Max(MinQuickStep.Ticks, shortest.Ticks / 50));
                    return now + step;
                }
            }
        }

        return now + backoff.DelayFor(record.PollCount);
    }
}
