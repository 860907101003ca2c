using System.Text.Json;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// The intake's storage cost and its crash safety: a new request is a read of the batch index (ADR 007), then five storage
/// calls (its webhook-id's claim, the queue message carrying the sealed record, the due row of its first-delivery check
/// (ADR 010), the leaver index's row, then the record), and a request whose record write never happened is stored from its message.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class IntakeStorageCallsTests : SandboxResetTest
{
    private const string RecordInsert = "POST /" + StorageNames.OffboardingTable;
    private const string MessagePut = "POST /" + StorageNames.RequestQueue + "/messages";
    private const string MessageClaim = RecordInsert; // the webhook-id's row lives beside the records
    private const string BatchIndexRead = "GET /" + StorageNames.BatchTable; // is the leaver someone a batch offboards?
    private const string FirstDeliveryCheck = "PUT /" + StorageNames.DueIndexTable; // the sweep's check that the message was taken
    private const string LeaverIndexInsert = "POST /" + StorageNames.OffboardingTable; // the leaver index's row, before the record
    private const string LeaverIndexRead = "GET /" + StorageNames.OffboardingTable;
    private const string LeaverIndexReplace = "PUT /" + StorageNames.OffboardingTable;

    public IntakeStorageCallsTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_new_request_costs_a_batch_index_read_then_five_storage_calls_claim_then_message_then_due_row_then_leaver_index_then_record()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await WarmUpAsync(pipeline);

        // A person's first offboarding: their leaver-index row is one insert.
        pipeline.StorageCalls.Clear();
        var answer = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), $"first.{Guid.NewGuid():N}@northwind.example")));

        Assert.Equal(202, answer.StatusCode);
        Assert.Equal([BatchIndexRead, MessageClaim, MessagePut, FirstDeliveryCheck, LeaverIndexInsert, RecordInsert], pipeline.StorageCalls.Calls.Select(WithoutKeys));
        await pipeline.Storage.Requests.ClearMessagesAsync(); // nothing left to run into later tests
    }

    [Fact]
    public async Task A_second_offboarding_of_a_person_adds_itself_to_their_leaver_index_row_as_read()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var email = $"again.{Guid.NewGuid():N}@northwind.example";
        Assert.Equal(202, (await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), email)))).StatusCode);

        pipeline.StorageCalls.Clear();
        var answer = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), email)));

        Assert.Equal(202, answer.StatusCode);
        Assert.Equal(
            [BatchIndexRead, MessageClaim, MessagePut, FirstDeliveryCheck, LeaverIndexInsert, LeaverIndexRead, LeaverIndexReplace, RecordInsert],
            pipeline.StorageCalls.Calls.Select(WithoutKeys));
        await pipeline.Storage.Requests.ClearMessagesAsync(); // nothing left to run into later tests
    }

    [Fact]
    public async Task The_queue_message_carries_the_request_sealed_not_readable()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var answer = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail)));
        var id = IdOf(answer);

        var message = Assert.Single((await pipeline.Storage.Requests.PeekMessagesAsync(32)).Value, m => m.MessageText.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(Users.LeaverEmail, message.MessageText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hris-test", message.MessageText, StringComparison.Ordinal);
        await pipeline.Storage.Requests.ClearMessagesAsync(); // nothing left to run into later tests
    }

    [Fact]
    public async Task A_request_whose_record_write_failed_is_answered_503_stored_from_its_message_and_completed()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await pipeline.Storage.Requests.ClearMessagesAsync(); // other tests' messages would add Zoho calls
        var request = PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail));
        var id = OffboardingId.From("hris-test", EventOf(request));

        // As if the process died, or storage failed, between the message and the record (the claim before them and the
        // leaver-index insert after the message go through; the record is the third insert either way).
        var inserts = 0;
        pipeline.StorageCalls.Fail(call => call.StartsWith(RecordInsert, StringComparison.Ordinal) && ++inserts > 2);
        var refused = await pipeline.PostAsync(request);
        pipeline.StorageCalls.StopFailing();
        Assert.Equal(503, refused.StatusCode);
        Assert.Null(await pipeline.Repository.GetAsync(id, CancellationToken.None));

        await pipeline.DrainRequestsAsync();
        var record = await pipeline.PollUntilAsync(id, r => r.State == OffboardingState.Completed);
        Assert.Equal(Users.LeaverEmail, record.Request.Employee!.WorkEmail);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(Zoho.Crm.Sandbox.Api.ZohoRoutes.TransferAndDelete, Users.LeaverId));

        // The sender retries the 503: answered as the offboarding its first try made, and nothing more is sent to Zoho.
        var retried = await pipeline.PostAsync(request);
        Assert.Equal((200, id), (retried.StatusCode, IdOf(retried)));
        await pipeline.DrainRequestsAsync();
        Assert.Equal(1, await pipeline.ZohoCallsAsync(Zoho.Crm.Sandbox.Api.ZohoRoutes.TransferAndDelete, Users.LeaverId));
        Assert.Single(await pipeline.EventsForAsync(id), e => e.Type.EndsWith(".completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_whose_message_could_not_be_sent_is_answered_503_and_nothing_is_stored()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var request = PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail));

        pipeline.StorageCalls.Fail(call => call.StartsWith(MessagePut, StringComparison.Ordinal));
        var refused = await pipeline.PostAsync(request);
        pipeline.StorageCalls.StopFailing();

        Assert.Equal(503, refused.StatusCode);
        Assert.Null(await pipeline.Repository.GetAsync(OffboardingId.From("hris-test", EventOf(request)), CancellationToken.None));
        Assert.Equal(202, (await pipeline.PostAsync(request)).StatusCode);
    }

    private static async Task WarmUpAsync(PipelineHarness pipeline) =>
        Assert.Equal(202, (await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail)))).StatusCode);

    // Insert paths carry no keys, but an entity path would: "POST /offboardings" either way.
    private static string WithoutKeys(string call) => call.Split('(')[0];

    private static string NewEvent() => $"evt-{Guid.NewGuid():N}";

    private static string EventOf(TestRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("sourceEventId").GetString()!;
    }

    private static string IdOf(HttpAnswer response)
    {
        using var body = JsonDocument.Parse(response.Body!);
        return body.RootElement.GetProperty("id").GetString()!;
    }
}
