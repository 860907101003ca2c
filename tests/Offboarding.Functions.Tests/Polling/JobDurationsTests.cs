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
        Assert.Null(durations.Typical);
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
        Assert.InRange(durations.Typical!.Value, S(5), S(5.2));
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
    public void The_typical_job_is_the_median_so_one_late_poll_does_not_set_it()
    {
        // Jobs of 2 s, one of them seen finished only 30 s in (its status calls failed): after an unknown outcome, the slot
        // is held about as long as a job takes, not as long as that poll was late.
        var durations = new JobDurations();
        foreach (var seconds in new[] { 2.1, 30, 2.0, 2.2, 1.9 })
        {
            durations.Finished(S(seconds));
        }

        Assert.Equal(S(2.1), durations.Typical);
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
        Assert.Equal(S(10), durations.Typical);
    }

    [Fact]
    public void A_narrow_span_is_probed_by_one_job_at_a_time_and_again_once_its_answer_moves_it()
    {
        var durations = new JobDurations();
        durations.Running(S(4.5));
        durations.Finished(S(5.5));
        var now = DateTimeOffset.UnixEpoch;

        // The span 4.5-5.5 s is under a quarter of the bound: one job probes its middle, the jobs submitted while its
        // answer is out aim a tolerance (2 % of 5.5 s) past the bound, where a job of the learned length has ended.
        Assert.Equal(S(5), durations.FirstPollAt(now));
        Assert.Equal(S(5.61), durations.FirstPollAt(now + S(0.5)));
        Assert.Equal(S(5.61), durations.FirstPollAt(now + S(3)));

        // The probe found its job running at 5 s: the span is 5-5.5 s now, and the next job probes it.
        durations.Running(S(5));
        Assert.Equal(S(5.25), durations.FirstPollAt(now + S(5.1)));
        Assert.Equal(S(5.61), durations.FirstPollAt(now + S(5.2)));
    }

    [Fact]
    public void A_probe_whose_answer_never_comes_is_sent_again_after_twice_its_age()
    {
        var durations = new JobDurations();
        durations.Running(S(4.5));
        durations.Finished(S(5.5));
        var now = DateTimeOffset.UnixEpoch;

        Assert.Equal(S(5), durations.FirstPollAt(now));
        Assert.Equal(S(5.61), durations.FirstPollAt(now + S(9.9)));
        Assert.Equal(S(5), durations.FirstPollAt(now + S(10)));
    }

    [Fact]
    public void A_wide_span_is_probed_by_every_job_so_a_coarse_first_observation_narrows_quickly()
    {
        // The first job was seen finished by the default back-off's first poll, at 30 s.
        var durations = new JobDurations();
        durations.Finished(S(30));
        var now = DateTimeOffset.UnixEpoch;

        Assert.Equal(S(15), durations.FirstPollAt(now));
        Assert.Equal(S(15), durations.FirstPollAt(now + S(0.1)));
    }

    [Fact]
    public void Ten_jobs_at_a_time_learning_a_five_second_length_cost_fewer_polls_than_probing_with_every_job()
    {
        // From what the first jobs taught (running at 4.5 s on the back-off, finished at 5.65 s), 300 jobs of 5 s (seen
        // within ±30 ms), ten at a time, each slot's next job submitted when the poll sees the last one end.
        var oneAtATime = SimulateTenSlots(200, (durations, at) => durations.FirstPollAt(at)!.Value);
        var everyJob = SimulateTenSlots(200, (durations, _) => durations.FirstPoll!.Value);

        // Learning costs a few calls in all (a probe finding its job running), where every job submitted during a probe
        // probed too (324 polls in this run).
        Assert.InRange(oneAtATime.Polls, 300, 306);
        Assert.True(everyJob.Polls > oneAtATime.Polls + 10, $"probing with every job took {everyJob.Polls} polls, one at a time {oneAtATime.Polls}");

        // And the slots are not held much longer: each job's end is seen within 0.25 s on average (a tolerance past 5 s,
        // plus the jitter), as with probing by every job.
        Assert.InRange(oneAtATime.MeanSeenAfterEnd, S(0), S(0.25));
        Assert.InRange(everyJob.MeanSeenAfterEnd, S(0), S(0.25));
    }

    // Polls as the poll function times them: the first from the learned durations, a job still running before the
    // shortest recent job at that age, else 100 ms later.
    private static (int Polls, TimeSpan MeanSeenAfterEnd) SimulateTenSlots(int seed, Func<JobDurations, DateTimeOffset, TimeSpan> firstPoll)
    {
        var random = new Random(seed);
        var durations = new JobDurations();
        durations.Running(S(4.5));
        durations.Finished(S(5.65));
        var due = new PriorityQueue<(DateTimeOffset Submitted, TimeSpan Length), DateTimeOffset>();
        var start = DateTimeOffset.UnixEpoch;
        for (var slot = 0; slot < 10; slot++)
        {
            var submitted = start + (slot * S(0.1));
            due.Enqueue((submitted, S(5 + ((random.NextDouble() - 0.5) * 0.06))), submitted + firstPoll(durations, submitted));
        }

        var polls = 0;
        var jobs = 10;
        var seenAfterEnd = TimeSpan.Zero;
        while (due.TryDequeue(out var job, out var at))
        {
            polls++;
            var age = at - job.Submitted;
            if (age < job.Length)
            {
                durations.Running(age);
                var shortest = durations.Shortest!.Value;
                due.Enqueue(job, age < shortest ? job.Submitted + shortest : at + S(0.1));
                continue;
            }

            durations.Finished(age);
            seenAfterEnd += age - job.Length;
            if (jobs++ < 300)
            {
                due.Enqueue((at, S(5 + ((random.NextDouble() - 0.5) * 0.06))), at + firstPoll(durations, at));
            }
        }

        return (polls, seenAfterEnd / 300);
    }
}
