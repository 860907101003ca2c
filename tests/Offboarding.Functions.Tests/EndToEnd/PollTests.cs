using Offboarding.Functions.Domain;
using TestSupport;
using Zoho.Crm.Sandbox.Api;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

[Collection(PipelineTestGroup.Name)]
public sealed class PollTests : SandboxResetTest
{
    public PollTests(PipelineFixture fixture)
        : base(fixture)
    {
    }


    [Fact]
    public async Task A_job_past_its_deadline_is_announced_stalled_once_and_still_polled_to_the_end()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Poll:StalledAfter"] = "00:00:00.300" });
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 3600 });
        var id = await pipeline.SubmitUserAsync(Users.LeaverEmail);
        await pipeline.DrainRequestsAsync();

        var stalled = await pipeline.PollUntilAsync(id, r => r.StalledAt is not null && r.PollCount >= 5);
        Assert.Equal(OffboardingState.Submitted, stalled.State);
        Assert.NotNull(stalled.StalledAt);

        await Fixture.Sandbox.Control.CompleteJobsAsync();
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
        Assert.Equal(OffboardingState.Completed, done.State);

        var types = (await pipeline.EventsForAsync(id)).Select(e => e.Type).ToList();
        Assert.Equal(["com.northwind.offboarding.submitted", "com.northwind.offboarding.stalled", "com.northwind.offboarding.completed"], types);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
    }

    [Fact]
    public async Task Overlapping_cycles_from_two_instances_finish_each_job_once()
    {
        await using var first = new PipelineHarness(Fixture);
        await using var second = new PipelineHarness(Fixture);
        var ids = new[] { await first.SubmitUserAsync(Users.LeaverEmail), await first.SubmitUserAsync(Users.LeaverWithoutManagerEmail) };
        await first.DrainRequestsAsync();
        await Fixture.Sandbox.Control.CompleteJobsAsync();

        await Eventually.HoldsAsync(
            async () =>
            {
                await Task.WhenAll(first.Poll.RunCycleAsync(CancellationToken.None), second.Poll.RunCycleAsync(CancellationToken.None), first.Poll.RunCycleAsync(CancellationToken.None));
                foreach (var id in ids)
                {
                    var record = await first.GetAsync(id);
                    if (!record.State.IsTerminal() || record.PendingEvents.Count > 0)
                    {
                        return false;
                    }
                }

                return true;
            },
            "overlapping cycles finished both jobs and published their events");

        foreach (var id in ids)
        {
            var record = await first.GetAsync(id);
            Assert.Equal(OffboardingState.Completed, record.State);
            Assert.Single(record.Audit, a => a.Step == "zoho" && a.Outcome == "completed");
            var completions = (await first.EventsForAsync(id)).Where(e => e.Type.EndsWith(".completed", StringComparison.Ordinal)).ToList();
            Assert.Single(completions);
        }
    }

    [Fact]
    public async Task Finished_offboardings_leave_the_due_index_so_cycles_do_not_read_them()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await pipeline.SubmitUserAsync(Users.LeaverEmail);
        await pipeline.DrainRequestsAsync();
        await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);

        await foreach (var entity in pipeline.Storage.Due.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.NotEqual(id, entity.GetString("OffboardingId"));
        }

        // Later cycles neither read nor touch it: no write, no status call for its job.
        var finished = await pipeline.GetAsync(id);
        await Fixture.Sandbox.Control.ClearCallLogAsync();
        await pipeline.Poll.RunCycleAsync(CancellationToken.None);
        Assert.Equal(finished.UpdatedAt, (await pipeline.GetAsync(id)).UpdatedAt);
        Assert.DoesNotContain(await Fixture.Sandbox.Control.GetCallLogAsync(), c => c.JobId == finished.ZohoJobId);
    }

    [Fact]
    public async Task Instances_share_one_zoho_access_token_through_the_table()
    {
        await using var first = new PipelineHarness(Fixture);
        await using var second = new PipelineHarness(Fixture);
        await using var third = new PipelineHarness(Fixture);
        await Fixture.Sandbox.Control.ExpireTokensAsync();

        // Make sure the table holds a fresh token first, then let every instance call Zoho.
        await first.Http("Health").RunAsync(PipelineHarness.Request("GET", "health", ReadOnlyMemory<byte>.Empty, new Dictionary<string, string>()), CancellationToken.None);
        await Fixture.Sandbox.Control.ClearCallLogAsync();
        foreach (var instance in new[] { second, third })
        {
            var health = await instance.Http("Health").RunAsync(PipelineHarness.Request("GET", "health", ReadOnlyMemory<byte>.Empty, new Dictionary<string, string>()), CancellationToken.None);
            Assert.Equal(200, health.StatusCode);
        }

        Assert.Equal(0, await second.ZohoCallsAsync(ZohoRoutes.Token));
        Assert.True(await second.ZohoCallsAsync(ZohoRoutes.UsersList) >= 2);
    }
}
