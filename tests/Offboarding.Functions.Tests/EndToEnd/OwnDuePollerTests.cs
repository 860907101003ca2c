using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;
using Zoho.Crm.Sandbox.Api;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Each instance polls the jobs it submitted at their due time; the poll timer leaves them to it for a grace, and
/// takes those of an instance that is gone (docs/adr/009-owners-poll-their-jobs.md).</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class OwnDuePollerTests : SandboxResetTest
{
    public OwnDuePollerTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task An_instance_polls_the_job_it_submitted_once_it_is_due_with_no_poll_cycle()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var poller = pipeline.Services.GetRequiredService<OwnDuePoller>();
        var id = await pipeline.SubmitUntilScheduledAsync(Users.LeaverEmail);
        await Fixture.Sandbox.Control.CompleteJobsAsync();

        // Not due yet: nothing asked.
        var due = DueIndex.DueTimeOf((await pipeline.GetAsync(id)).DueKey!);
        pipeline.Time.Advance(due - pipeline.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await poller.RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDeleteStatus));

        pipeline.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await poller.RunDueAsync(CancellationToken.None));
        Assert.Equal(OffboardingState.Completed, (await pipeline.GetAsync(id)).State);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDeleteStatus));
        Assert.Equal(0, pipeline.Services.GetRequiredService<OwnDueEntries>().Count);
    }

    [Fact]
    public async Task A_job_still_running_is_polled_again_by_its_instance_until_it_ends()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var poller = pipeline.Services.GetRequiredService<OwnDuePoller>();
        var id = await pipeline.SubmitUntilScheduledAsync(Users.LeaverEmail);

        // The job runs on: the poll finds it running and the record's write gives it its next entry, on this instance.
        pipeline.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await poller.RunDueAsync(CancellationToken.None));
        Assert.Equal(OffboardingState.Submitted, (await pipeline.GetAsync(id)).State);
        Assert.Equal(1, pipeline.Services.GetRequiredService<OwnDueEntries>().Count);

        await Fixture.Sandbox.Control.CompleteJobsAsync();
        pipeline.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await poller.RunDueAsync(CancellationToken.None));
        Assert.Equal(OffboardingState.Completed, (await pipeline.GetAsync(id)).State);
        Assert.Equal(2, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDeleteStatus));
    }

    [Fact]
    public async Task The_timer_leaves_a_job_to_the_instance_that_submitted_it_and_takes_it_once_that_instance_is_gone()
    {
        var submitter = new PipelineHarness(Fixture);
        await using var timerInstance = new PipelineHarness(Fixture);
        var id = await submitter.SubmitUntilScheduledAsync(Users.LeaverEmail);
        await Fixture.Sandbox.Control.CompleteJobsAsync();
        var due = DueIndex.DueTimeOf((await submitter.GetAsync(id)).DueKey!);

        // Just due: the timer's cycle on the other instance leaves it to its owner.
        timerInstance.Time.Advance(due - timerInstance.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await timerInstance.Poll.RunCycleAsync(CancellationToken.None, ownerGrace: PollHandler.OwnerGrace));
        Assert.Equal(0, await timerInstance.ZohoCallsAsync(ZohoRoutes.TransferAndDeleteStatus));

        // The submitter is gone without polling it: once the grace is over, the timer takes it.
        await submitter.DisposeAsync();
        timerInstance.Time.Advance(PollHandler.OwnerGrace);
        Assert.Equal(1, await timerInstance.Poll.RunCycleAsync(CancellationToken.None, ownerGrace: PollHandler.OwnerGrace));
        Assert.Equal(OffboardingState.Completed, (await timerInstance.GetAsync(id)).State);
        Assert.Equal(1, await timerInstance.ZohoCallsAsync(ZohoRoutes.TransferAndDeleteStatus));
    }
}
