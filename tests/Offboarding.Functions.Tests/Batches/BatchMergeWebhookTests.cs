using System.Text;
using System.Text.Json;
using Offboarding.Functions.Batches;
using Offboarding.Functions.Http;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Tests.EndToEnd;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.Batches;

/// <summary>Issue 25: a Merge termination for someone in a batch joins that person's offboarding as the canonical webhook
/// does (202 <c>waiting_in_batch</c> before the batch starts them, 200 after), and never makes a second offboarding.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class BatchMergeWebhookTests : BatchTest
{
    public BatchMergeWebhookTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_Merge_termination_for_a_batch_member_joins_their_offboarding_before_and_after_the_batch_starts_them()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var batches = new BatchPipeline(pipeline);
        var csv = $"workEmail,hrisId\n{Users.LeaverEmail},E-07\n{Users.LeaverWithoutManagerEmail},E-13\n";
        var id = BatchPipeline.IdOf(await batches.SubmitCsvAsync(csv));
        var liam = (await batches.GetAsync(id)).GetProperty("members").EnumerateArray().Single(m => m.GetProperty("line").GetInt32() == 2).GetProperty("offboardingId").GetString();
        var termination = MergeTermination(Users.LeaverEmail);

        // Waiting in the batch: answered with the offboarding the batch will make; nothing is stored or queued.
        var waiting = await MergeAsync(pipeline, termination);
        Assert.Equal(202, waiting.StatusCode);
        using (var body = JsonDocument.Parse(waiting.Body!))
        {
            Assert.Equal(("waiting_in_batch", id, liam), (body.RootElement.GetProperty("state").GetString(), body.RootElement.GetProperty("batchId").GetString(), body.RootElement.GetProperty("id").GetString()));
        }

        Assert.Null(await pipeline.Repository.GetAsync(liam!, CancellationToken.None));
        Assert.Equal(0, await pipeline.DrainRequestsAsync());

        // Started: the same termination, sent again as Merge retries, is answered 200 with that offboarding.
        Assert.Equal(200, (await batches.ActAsync<ApproveBatchHandler>(id)).StatusCode);
        Assert.Equal(2, await batches.Dispatcher.RunCycleAsync(DateTimeOffset.UtcNow, CancellationToken.None));
        var joined = await MergeAsync(pipeline, termination);
        Assert.Equal(200, joined.StatusCode);
        using (var body = JsonDocument.Parse(joined.Body!))
        {
            Assert.Equal(liam, body.RootElement.GetProperty("id").GetString());
        }

        // One offboarding of Liam, the batch's, and one transfer-and-delete.
        await batches.RunUntilFinishedAsync(id, TimeSpan.FromMinutes(1));
        var (offboardings, _) = await pipeline.Repository.QueryAsync(new OffboardingQuery { Email = Users.LeaverEmail }, CancellationToken.None);
        Assert.Equal([(liam!, BatchUploadReader.Source)], offboardings.Select(o => (o.Id, o.Request.Source)));
        Assert.Equal(1, await pipeline.ZohoCallsAsync(Zoho.Crm.Sandbox.Api.ZohoRoutes.TransferAndDelete, Users.LeaverId));
    }

    [Fact]
    public async Task A_Merge_termination_for_someone_in_no_batch_is_its_own_offboarding()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var answer = await MergeAsync(pipeline, MergeTermination(Users.LeaverWithoutManagerEmail));

        Assert.Equal(202, answer.StatusCode);
        using var body = JsonDocument.Parse(answer.Body!);
        Assert.Equal("accepted", body.RootElement.GetProperty("state").GetString());
        Assert.Equal(MergeEmployeeMapper.Source, (await pipeline.GetAsync(body.RootElement.GetProperty("id").GetString()!)).Request.Source);
    }

    private static byte[] MergeTermination(string email) => Encoding.UTF8.GetBytes($$$"""
        {"hook":{"id":"h","event":"Employee.changed","target":"https://x"},"linked_account":{"id":"la-25","integration":"BambooHR"},
         "data":{"id":"{{{Guid.NewGuid()}}}","work_email":"{{{email}}}","employment_status":"INACTIVE","termination_date":"2020-01-31T00:00:00Z"}}
        """);

    private static Task<HttpAnswer> MergeAsync(PipelineHarness pipeline, byte[] body) =>
        pipeline.Http("MergeIntake").RunAsync(PipelineHarness.Request("POST", "webhooks/merge", body,
            new Dictionary<string, string> { ["Content-Type"] = "application/json", [MergeSignatureVerifier.SignatureHeader] = MergeSignatureVerifier.Sign(PipelineHarness.MergeKey, body) }), CancellationToken.None);
}
