using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Transfer;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Learned job durations are shared through storage: one instance's learning serves a new or restarted instance;
/// only polls that came on time teach a job's length.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class SharedJobDurationsTests : SandboxResetTest
{
    private static readonly TimeSpan Learned = TimeSpan.FromMilliseconds(7_123);

    public SharedJobDurationsTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task What_one_instance_learned_times_the_first_polls_of_another_and_of_its_successor()
    {
        await using var first = new PipelineHarness(Fixture);
        var learning = first.Services.GetRequiredService<JobDurations>();
        learning.Running(Learned / 2);
        learning.Finished(Learned);
        await first.Services.GetRequiredService<JobDurationSync>().SyncOnceAsync(CancellationToken.None);

        // Another instance (its own services and process row) knows nothing until it syncs.
        await using var second = new PipelineHarness(Fixture);
        var durations = second.Services.GetRequiredService<JobDurations>();
        Assert.Null(durations.FirstPoll);
        await second.Services.GetRequiredService<JobDurationSync>().SyncOnceAsync(CancellationToken.None);

        Assert.NotNull(durations.FirstPoll);
        Assert.InRange(Learned, durations.Shortest!.Value, durations.Typical!.Value);

        // The first instance is gone; a process started after it still reads what it saved.
        await first.DisposeAsync();
        await using var successor = new PipelineHarness(Fixture);
        var inherited = successor.Services.GetRequiredService<JobDurations>();
        await successor.Services.GetRequiredService<JobDurationSync>().SyncOnceAsync(CancellationToken.None);
        Assert.InRange(Learned, inherited.Shortest!.Value, inherited.Typical!.Value);
    }

    [Fact]
    public async Task A_job_polled_on_time_teaches_its_length_and_one_polled_late_does_not()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var durations = pipeline.Services.GetRequiredService<JobDurations>();
        var onTime = await pipeline.SubmitUntilScheduledAsync(Users.LeaverEmail);
        await Fixture.Sandbox.Control.CompleteJobsAsync();
        await pipeline.PollUntilAsync(onTime, r => r.State.IsTerminal());
        var learned = durations.Typical;
        Assert.NotNull(learned);

        // The next job's poll comes a minute late (the poll timer was moving to another instance): 60 s says little
        // about how long the job took, and would hold every verification's slot that long.
        var late = await pipeline.SubmitUntilScheduledAsync(Users.LeaverWithoutManagerEmail);
        await Fixture.Sandbox.Control.CompleteJobsAsync();
        pipeline.Time.Advance(TimeSpan.FromMinutes(1));
        var done = await pipeline.PollUntilAsync(late, r => r.State.IsTerminal());

        Assert.Equal(OffboardingState.Completed, done.State);
        Assert.Equal(learned, durations.Typical);
    }
}
