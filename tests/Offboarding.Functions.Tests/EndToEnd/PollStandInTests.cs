using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>While the poll timer does not run (its instance died, the singleton has not moved yet), an instance polls the
/// jobs it submitted itself; while the timer runs, it leaves them to it.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class PollStandInTests : SandboxResetTest
{
    public PollStandInTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task With_the_poll_timer_silent_an_instance_polls_its_own_job_to_its_end()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var heartbeat = pipeline.Services.GetRequiredService<PollHeartbeat>();
        var standIn = pipeline.Services.GetRequiredService<PollStandIn>();

        // The timer last ran an hour ago and said it would run again a minute later: its instance is gone.
        var now = pipeline.Time.GetUtcNow();
        await heartbeat.BeatAsync(now - TimeSpan.FromHours(1), now - TimeSpan.FromMinutes(59), CancellationToken.None);
        var id = await pipeline.SubmitUntilScheduledAsync(Users.LeaverEmail);
        await Fixture.Sandbox.Control.CompleteJobsAsync();
        Assert.Equal(0, await standIn.RunOnceAsync(CancellationToken.None));

        // Once the first poll is overdue by more than the grace, the instance polls it: no poll cycle runs in this test.
        pipeline.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await standIn.RunOnceAsync(CancellationToken.None));

        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Completed, record.State);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(Zoho.Crm.Sandbox.Api.ZohoRoutes.TransferAndDeleteStatus));
        Assert.Equal(0, pipeline.Services.GetRequiredService<OwnDueEntries>().Count);
    }

    [Fact]
    public async Task While_the_poll_timer_runs_an_instance_leaves_its_jobs_to_it()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var heartbeat = pipeline.Services.GetRequiredService<PollHeartbeat>();
        var standIn = pipeline.Services.GetRequiredService<PollStandIn>();
        var id = await pipeline.SubmitUntilScheduledAsync(Users.LeaverEmail);
        await Fixture.Sandbox.Control.CompleteJobsAsync();
        pipeline.Time.Advance(TimeSpan.FromMinutes(2));

        // The timer ran a moment ago and runs again in 5 s.
        var now = pipeline.Time.GetUtcNow();
        await heartbeat.BeatAsync(now, now + TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(0, await standIn.RunOnceAsync(CancellationToken.None));
        Assert.Equal(OffboardingState.Submitted, (await pipeline.GetAsync(id)).State);
        Assert.Equal(0, await pipeline.ZohoCallsAsync(Zoho.Crm.Sandbox.Api.ZohoRoutes.TransferAndDeleteStatus));

        // The timer's own cycle finishes it.
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal());
        Assert.Equal(OffboardingState.Completed, done.State);
    }
}
