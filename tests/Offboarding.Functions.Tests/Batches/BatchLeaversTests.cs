using System.Text.Json;
using Offboarding.Functions.Batches;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Tests.EndToEnd;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.Batches;

/// <summary>Issue 25: a manager still waiting to start in an approved layoff batch has no offboarding yet, and is leaving all the
/// same: a one-by-one transfer of their report passes over them, as the batch's own plan does.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class BatchLeaversTests : BatchTest
{
    private const string VictorId = "5725767000000020005";

    public BatchLeaversTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_report_of_a_manager_waiting_in_an_approved_batch_goes_to_the_managers_manager()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var batches = new BatchPipeline(pipeline);
        var batch = await BatchOfMariaAsync(batches);
        Assert.Equal(200, (await batches.ActAsync<ApproveBatchHandler>(batch)).StatusCode);
        Assert.Equal(200, (await batches.ActAsync<PauseBatchHandler>(batch)).StatusCode); // approved, and nobody started

        var liam = await SendAsync(pipeline, Users.LeaverEmail);
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(liam);
        Assert.Equal(OffboardingState.Submitted, record.State);
        Assert.Equal((VictorId, TargetRule.ManagerAbove), (record.TargetZohoId, record.TargetRule));
        Assert.Contains(batch, record.TargetReason, StringComparison.Ordinal);
        var job = Assert.Single((await Fixture.Sandbox.Control.GetStateAsync()).Jobs, j => j.UserId == Users.LeaverId);
        Assert.Equal(VictorId, job.TransferToId);
        Assert.Equal(200, (await batches.ActAsync<CancelBatchHandler>(batch, """{"reason":"the test is over"}""")).StatusCode);
    }

    [Fact]
    public async Task A_manager_in_a_batch_nobody_approved_yet_is_still_a_target()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var batches = new BatchPipeline(pipeline);
        var batch = await BatchOfMariaAsync(batches);

        var liam = await SendAsync(pipeline, Users.LeaverEmail);
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(liam);
        Assert.Equal((Users.ManagerId, TargetRule.Manager), (record.TargetZohoId, record.TargetRule));
        Assert.Equal(200, (await batches.ActAsync<RejectBatchHandler>(batch, """{"reason":"the test is over"}""")).StatusCode);
    }

    private static async Task<string> BatchOfMariaAsync(BatchPipeline batches)
    {
        var batch = BatchPipeline.IdOf(await batches.SubmitCsvAsync($"workEmail,hrisId\n{Users.ManagerEmail},E-03\n"));
        var maria = (await batches.GetAsync(batch)).GetProperty("members").EnumerateArray().Single();
        Assert.Equal("ready", maria.GetProperty("plan").GetString());
        return batch;
    }

    private static async Task<string> SendAsync(PipelineHarness pipeline, string email)
    {
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", email)));
        Assert.Equal(202, response.StatusCode);
        using var view = JsonDocument.Parse(response.Body!);
        return view.RootElement.GetProperty("id").GetString()!;
    }
}
