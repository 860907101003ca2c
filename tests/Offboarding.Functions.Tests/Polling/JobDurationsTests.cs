using Offboarding.Functions.Polling;

namespace Offboarding.Functions.Tests.Polling;

public sealed class JobDurationsTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Nothing_is_assumed_before_a_job_was_seen_finished()
    {
        var durations = new JobDurations();
        durations.Running(S(3));

        Assert.Null(durations.FirstPoll);
        Assert.Null(durations.Shortest);
        Assert.Null(durations.Longest);
    }

    [Fact]
    public void The_first_poll_narrows_from_a_coarse_observation_to_the_jobs_real_length()
    {
        // Jobs take 5 s; the first was only seen finished by a poll at 6 s.
        var durations = new JobDurations();
        durations.Finished(S(6));
        for (var job = 0; job < 20; job++)
        {
            var probe = durations.FirstPoll!.Value;
            if (probe >= S(5))
            {
                durations.Finished(probe);
            }
            else
            {
                durations.Running(probe);
            }
        }

        Assert.InRange(durations.FirstPoll!.Value, S(5), S(5.15));
        Assert.Equal(S(6), durations.Longest);
    }

    [Fact]
    public void Running_observations_beyond_the_shortest_job_do_not_move_the_first_poll()
    {
        var durations = new JobDurations();
        durations.Finished(S(5));
        durations.Running(S(60));

        Assert.Equal(S(5), durations.FirstPoll);
        Assert.Equal(S(5), durations.Shortest);
    }

    [Fact]
    public void Old_observations_leave_the_window()
    {
        var durations = new JobDurations();
        durations.Finished(S(1));
        for (var job = 0; job < 40; job++)
        {
            durations.Finished(S(10));
        }

        Assert.Equal(S(10), durations.Shortest);
        Assert.Equal(S(10), durations.Longest);
    }
}
