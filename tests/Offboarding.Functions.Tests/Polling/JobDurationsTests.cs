using Offboarding.Functions.Transfer;

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

        // Never early, and at most two tolerances (2 % of 5 s each) late.
        Assert.InRange(durations.FirstPoll!.Value, S(5), S(5.2));
        Assert.Equal(S(6), durations.Longest);
    }

    [Fact]
    public void Jobs_of_one_length_seen_with_jitter_cost_about_one_poll_each()
    {
        // 2 s jobs, seen from the app anywhere within ±30 ms of that (when the submission was answered, when the poll
        // reached Zoho). A poll finding one running looks again 100 ms later, as the poll function does.
        var random = new Random(18);
        var durations = new JobDurations();
        durations.Finished(S(3));
        var polls = 0;
        const int jobs = 400;
        for (var job = 0; job < jobs; job++)
        {
            var length = S(2 + ((random.NextDouble() - 0.5) * 0.06));
            var at = durations.FirstPoll!.Value;
            while (true)
            {
                if (job >= 100)
                {
                    polls++;
                }

                if (at >= length)
                {
                    durations.Finished(at);
                    break;
                }

                durations.Running(at);
                at += S(0.1);
            }
        }

        // After the first hundred jobs (learning): at most 1.15 polls a job, where aiming at the bound costs about 1.5.
        Assert.InRange(polls / (double)(jobs - 100), 1.0, 1.15);
        Assert.InRange(durations.FirstPoll!.Value, S(2.03), S(2.2));
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
