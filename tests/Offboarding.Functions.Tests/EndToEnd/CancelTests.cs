using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Intake;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;
using Zoho.Crm.Sandbox.Api;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 15, rescind: an offboarding not yet sent to Zoho can be cancelled by an operator, by the HR system's signed
/// rescind request, or by a Merge event showing the employee active again; once sent it answers 409, and a cancel that
/// crosses a transfer never ends with both a cancel and a Zoho job.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class CancelTests : SandboxResetTest
{
    public CancelTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    private static string NewEvent() => $"evt-{Guid.NewGuid():N}";

    private static string IdOf(HttpAnswer response) => JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;

    private static Task<HttpAnswer> CancelAsync(PipelineHarness pipeline, string id, string? json = """{"reason":"termination reversed by HR"}""") =>
        pipeline.OperatorAsync("CancelOffboarding", "POST", $"offboardings/{id}/cancel", json, route: new Dictionary<string, string> { ["id"] = id });

    private static string Deferred(string eventId, string email) =>
        PipelineHarness.UserRequest(eventId, email, $$$""","effectiveAt":"{{{DateTimeOffset.UtcNow.AddDays(1):O}}}" """.TrimEnd());

    [Fact]
    public async Task A_deferred_offboarding_is_cancelled_with_who_and_why_and_zoho_is_never_called()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(Deferred(NewEvent(), Users.LeaverEmail))));

        var response = await CancelAsync(pipeline, id);

        Assert.Equal(200, response.StatusCode);
        using (var view = JsonDocument.Parse(response.Body!))
        {
            Assert.Equal("cancelled", view.RootElement.GetProperty("state").GetString());
            Assert.Equal("Test Operator", view.RootElement.GetProperty("cancellation").GetProperty("by").GetString());
            Assert.False(view.RootElement.GetProperty("actions").GetProperty("cancel").GetBoolean());
        }

        var record = await pipeline.GetAsync(id);
        var entry = Assert.Single(record.Audit, a => a.Step == "cancel");
        Assert.Equal("by Test Operator: termination reversed by HR", entry.Detail);
        var cancelled = Assert.Single(await pipeline.EventsForAsync(id));
        Assert.Equal("com.northwind.offboarding.cancelled", cancelled.Type);
        Assert.Equal($"{id}.cancelled", cancelled.Id);
        Assert.Contains("Test Operator", cancelled.Data!.ToString(), StringComparison.Ordinal);

        // Its queued message surfaces one day: delivered now, it finds the offboarding cancelled and calls nothing.
        await pipeline.Transfer.RunAsync(QueuesModelFactory.QueueMessage("m1", "r1", $$"""{"id":"{{id}}","notBefore":"{{DateTimeOffset.UtcNow:O}}"}""", 1, insertedOn: DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.Equal(OffboardingState.Cancelled, (await pipeline.GetAsync(id)).State);
        Assert.Empty(await Fixture.Sandbox.Control.GetCallLogAsync());

        // A second cancel is answered with the cancelled offboarding; it changes nothing.
        var again = await CancelAsync(pipeline, id, """{"reason":"again"}""");
        Assert.Equal(200, again.StatusCode);
        Assert.Single((await pipeline.GetAsync(id)).Audit, a => a.Step == "cancel");
    }

    [Fact]
    public async Task A_cancel_without_a_reason_or_for_no_offboarding_is_refused_and_changes_nothing()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(Deferred(NewEvent(), Users.LeaverEmail))));

        foreach (var body in new[] { null, "{}", """{"reason":"   "}""", """{"reason":42}""", """{"reason":"x","extra":true}""", "not json", $$"""{"reason":"{{new string('r', 501)}}"}""" })
        {
            var refused = await CancelAsync(pipeline, id, body);
            Assert.Equal(400, refused.StatusCode);
            Assert.StartsWith("application/problem+json", refused.ContentType, StringComparison.Ordinal);
        }

        Assert.Equal(OffboardingState.Accepted, (await pipeline.GetAsync(id)).State);
        Assert.Equal(404, (await CancelAsync(pipeline, new string('0', 32))).StatusCode);
        Assert.Equal(404, (await CancelAsync(pipeline, "not-an-id")).StatusCode);
    }

    [Fact]
    public async Task A_cancel_crossing_a_transfer_held_at_the_zoho_call_gets_409_and_the_job_goes_on()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        pipeline.Gate.Arm("/actions/transfer_and_delete");

        var transfer = pipeline.DrainRequestsAsync();
        await pipeline.Gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var refused = await CancelAsync(pipeline, id);
        pipeline.Gate.Release();
        await transfer;

        Assert.Equal(409, refused.StatusCode);
        var problem = JsonDocument.Parse(refused.Body!).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("cannot be undone", problem, StringComparison.Ordinal);
        Assert.Contains("since", problem, StringComparison.Ordinal);
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal());
        Assert.Equal(OffboardingState.Completed, done.State);
        Assert.Null(done.Cancellation);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));

        // Once done, the answer says so.
        var late = await CancelAsync(pipeline, id);
        Assert.Equal(409, late.StatusCode);
        Assert.Contains("completed", JsonDocument.Parse(late.Body!).RootElement.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_that_wins_before_the_zoho_call_leaves_the_transfer_nothing_to_send()
    {
        // One job slot, held by a long job: the second transfer is on its way (dequeued, waiting for the slot) when the cancel comes.
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 600 });
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Transfer:MaxConcurrentJobs"] = "1", ["Transfer:SlotWaitMaxDelay"] = "00:00:01" });

        // Earlier tests' messages are done with; left in the shared queue, one could take the only slot.
        await pipeline.Storage.Requests.ClearMessagesAsync();
        var first = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        await pipeline.DrainRequestsAsync();
        Assert.Equal(OffboardingState.Submitted, (await pipeline.GetAsync(first)).State);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverSubordinateEmail))));
        await pipeline.DrainRequestsAsync(maxRounds: 1);
        Assert.NotNull((await pipeline.GetAsync(id)).WaitingForSlotSince);

        Assert.Equal(200, (await CancelAsync(pipeline, id)).StatusCode);
        await Fixture.Sandbox.Control.CompleteJobsAsync();
        await pipeline.PollUntilAsync(first, r => r.State.IsTerminal());
        await DeliveredAsync(pipeline);
        Assert.DoesNotContain((await pipeline.Storage.RequestsPoison.PeekMessagesAsync(32)).Value, m => m.MessageText.Contains(id, StringComparison.Ordinal));

        Assert.Equal(OffboardingState.Cancelled, (await pipeline.GetAsync(id)).State);
        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, Users.LeaverSubordinateId));
        var slots = pipeline.Services.GetRequiredService<global::Offboarding.Functions.Storage.JobSlots>();
        Assert.Empty(await slots.OldestWaitersAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Cancels_racing_transfers_never_end_with_both_a_cancel_and_a_zoho_job()
    {
        const int leavers = 8;
        var org = LeaverOrg.Generate(leavers);
        await Fixture.Sandbox.Control.LoadOrgAsync(org.Fixture);
        await Fixture.Sandbox.Control.ClearCallLogAsync();
        await using var pipeline = new PipelineHarness(Fixture);

        var outcomes = new List<(string Id, string UserId, int CancelStatus)>();
        foreach (var leaver in org.Leavers)
        {
            var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), leaver.Email))));
            var transfer = pipeline.DrainRequestsAsync(maxRounds: 1);
            var cancel = CancelAsync(pipeline, id);
            await transfer;
            outcomes.Add((id, leaver.ZohoId, (await cancel).StatusCode));
        }

        foreach (var (id, userId, cancelStatus) in outcomes)
        {
            var record = await pipeline.GetAsync(id);
            var jobs = await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, userId, status: 200);
            if (cancelStatus == 200)
            {
                Assert.Equal(OffboardingState.Cancelled, record.State);
                Assert.Equal(0, jobs);
            }
            else
            {
                Assert.Equal(409, cancelStatus);
                Assert.NotEqual(OffboardingState.Cancelled, record.State);
                Assert.Equal(1, jobs);
            }
        }
    }

    [Fact]
    public async Task The_hr_system_rescinds_its_own_request_with_a_signed_rescind()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var original = NewEvent();
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(Deferred(original, Users.LeaverEmail))));
        var rescind = pipeline.Http("Rescind");
        TestRequest Signed(string json) => PipelineHarness.SignedRequest(json) with { Path = "/api/rescinds" };

        var unsigned = await rescind.RunAsync(PipelineHarness.Request("POST", "rescinds", Encoding.UTF8.GetBytes("{}"), new Dictionary<string, string> { ["Content-Type"] = "application/json" }), CancellationToken.None);
        Assert.Equal(401, unsigned.StatusCode);
        var invalid = await rescind.RunAsync(Signed("""{"source":"hris-test","sourceEventId":"r 1"}"""), CancellationToken.None);
        Assert.Equal(422, invalid.StatusCode);
        Assert.Contains("/rescinds", invalid.Body, StringComparison.Ordinal);
        Assert.Contains("/sourceEventId", invalid.Body, StringComparison.Ordinal);
        var unknown = await rescind.RunAsync(Signed($$"""{"source":"hris-test","sourceEventId":"{{NewEvent()}}","rescinds":"{{NewEvent()}}"}"""), CancellationToken.None);
        Assert.Equal(404, unknown.StatusCode);

        var json = $$"""{"source":"hris-test","sourceEventId":"{{NewEvent()}}","rescinds":"{{original}}","reason":"rehired"}""";
        var done = await rescind.RunAsync(Signed(json), CancellationToken.None);
        Assert.Equal(200, done.StatusCode);
        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Cancelled, record.State);
        Assert.Equal("hris-test (HR system)", record.Cancellation!.By);
        Assert.Contains("rehired", record.Cancellation.Reason, StringComparison.Ordinal);
        Assert.Equal(200, (await rescind.RunAsync(Signed(json), CancellationToken.None)).StatusCode);

        // Once it reached Zoho, a rescind is too late, and says so.
        var sent = NewEvent();
        var sentId = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(sent, Users.LeaverEmail))));
        await pipeline.DrainRequestsAsync();
        var late = await rescind.RunAsync(Signed($$"""{"source":"hris-test","sourceEventId":"{{NewEvent()}}","rescinds":"{{sent}}"}"""), CancellationToken.None);
        Assert.Equal(409, late.StatusCode);
        Assert.Equal(OffboardingState.Submitted, (await pipeline.GetAsync(sentId)).State);
    }

    [Fact]
    public async Task A_merge_event_showing_the_employee_active_again_rescinds_their_pending_offboarding()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var merge = pipeline.Http("MergeIntake");
        var employeeId = Guid.NewGuid().ToString();
        Task<HttpAnswer> SendAsync(string data)
        {
            var body = Encoding.UTF8.GetBytes($$"""{"hook":{"event":"Employee.changed"},"linked_account":{"id":"la-7"},"data":{{data}}}""");
            return merge.RunAsync(PipelineHarness.Request("POST", "webhooks/merge", body, new Dictionary<string, string>
            {
                ["Content-Type"] = "application/json",
                [MergeSignatureVerifier.SignatureHeader] = MergeSignatureVerifier.Sign(PipelineHarness.MergeKey, body),
            }), CancellationToken.None);
        }

        var leaving = await SendAsync($$"""{"id":"{{employeeId}}","work_email":"{{Users.LeaverEmail}}","employment_status":"INACTIVE","termination_date":"{{DateTimeOffset.UtcNow.AddDays(3):yyyy-MM-dd}}"}""");
        Assert.Equal(202, leaving.StatusCode);
        var id = IdOf(leaving);

        var staying = await SendAsync($$"""{"id":"{{employeeId}}","work_email":"{{Users.LeaverEmail}}","employment_status":"ACTIVE","termination_date":null}""");

        Assert.Equal(200, staying.StatusCode);
        Assert.Equal([id], JsonDocument.Parse(staying.Body!).RootElement.GetProperty("rescinded").EnumerateArray().Select(e => e.GetString()));
        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Cancelled, record.State);
        Assert.Equal("merge (HR system)", record.Cancellation!.By);

        // Another employee's active event touches nobody else's offboarding.
        var other = await SendAsync($$"""{"id":"{{Guid.NewGuid()}}","employment_status":"ACTIVE"}""");
        Assert.Contains("ignored", other.Body, StringComparison.Ordinal);
    }

    /// <summary>Delivers request messages as they become visible until the request queue is empty (none left hidden either).</summary>
    private static Task DeliveredAsync(PipelineHarness pipeline) =>
        Eventually.HoldsAsync(
            async () =>
            {
                await pipeline.DrainRequestsAsync();
                return (await pipeline.Storage.Requests.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0;
            },
            "every request message was delivered and deleted",
            every: TimeSpan.FromMilliseconds(100));
}
