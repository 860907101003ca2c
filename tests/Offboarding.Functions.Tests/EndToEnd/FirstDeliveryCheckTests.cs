using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Transfer;
using Zoho.Crm.Sandbox.Api;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>An instance that takes a request message and dies hides it for the host's 10 minutes; the sweep's first-delivery
/// check queues such an offboarding again a minute after it was due, and leaves one whose message still waits in the
/// queue where it is (docs/adr/010-first-delivery-check.md).</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class FirstDeliveryCheckTests : SandboxResetTest
{
    public FirstDeliveryCheckTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_request_whose_message_an_instance_took_and_died_with_is_queued_again_a_minute_later()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await SubmitAloneAsync(pipeline);

        // An instance takes the message for the host's 10 minutes and dies before it does anything.
        var taken = (await pipeline.Storage.Requests.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value;
        Assert.Single(taken, m => m.MessageText.Contains(id, StringComparison.Ordinal));
        Assert.Equal(0, await MessagesForAsync(pipeline, id));

        await RunTheCheckAsync(pipeline);
        var swept = await pipeline.GetAsync(id);
        Assert.Contains(swept.Audit, a => a is { Step: "sweep", Outcome: "requeued" });
        Assert.Null(swept.FirstMessage);
        Assert.Equal(1, await MessagesForAsync(pipeline, id));

        await DeliveredOnceAsync(pipeline, id);
    }

    [Fact]
    public async Task A_request_whose_message_still_waits_in_the_queue_keeps_its_place_and_gets_no_second_message()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await SubmitAloneAsync(pipeline);
        var queued = (await pipeline.GetAsync(id)).FirstMessage;
        Assert.NotNull(queued);

        // A backlog: nobody has taken the message when the check comes.
        await RunTheCheckAsync(pipeline);
        var checkedRecord = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Accepted, checkedRecord.State);
        Assert.DoesNotContain(checkedRecord.Audit, a => a.Step == "sweep");
        Assert.Equal(queued.Id, checkedRecord.FirstMessage?.Id);
        Assert.NotEqual(queued.PopReceipt, checkedRecord.FirstMessage?.PopReceipt);
        Assert.NotNull(checkedRecord.DueKey);
        Assert.Equal(1, await MessagesForAsync(pipeline, id));

        // The one message is delivered as usual.
        await DeliveredOnceAsync(pipeline, id);
    }

    [Fact]
    public async Task A_request_due_past_the_queues_longest_delay_gets_no_check_its_message_is_sent_again_when_it_surfaces()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var effective = DateTimeOffset.UtcNow.AddDays(9);
        var id = await pipeline.SubmitUserAsync(await OwnLeaverAsync(), $",\"effectiveAt\":\"{effective.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\"");

        var record = await pipeline.GetAsync(id);
        Assert.Null(record.FirstMessage);
        Assert.Null(record.DueKey);

        // Nine days on, the check that was not written queues nothing.
        pipeline.Time.Advance(TimeSpan.FromDays(9) + TransferSweep.FirstDeliveryCheck + TimeSpan.FromSeconds(1));
        await pipeline.Poll.RunCycleAsync(CancellationToken.None);
        Assert.DoesNotContain((await pipeline.GetAsync(id)).Audit, a => a.Step == "sweep");
    }

    // An offboarding of a leaver of the test's own, its message the only one in the queue (other tests leave theirs).
    private async Task<string> SubmitAloneAsync(PipelineHarness pipeline)
    {
        await pipeline.Storage.Requests.ClearMessagesAsync();
        return await pipeline.SubmitUserAsync(await OwnLeaverAsync());
    }

    // The clock past the first-delivery check, and a poll cycle to run it.
    private static async Task RunTheCheckAsync(PipelineHarness pipeline)
    {
        pipeline.Time.Advance(TransferSweep.FirstDeliveryCheck + TimeSpan.FromSeconds(1));
        await pipeline.Poll.RunCycleAsync(CancellationToken.None);
    }

    // A leaver of this test's own: the cycle also sweeps what other tests left, and those may offboard the usual leaver.
    private async Task<string> OwnLeaverAsync()
    {
        var org = LeaverOrg.Generate(1);
        await Fixture.Sandbox.Control.LoadOrgAsync(org.Fixture);
        return org.Leavers[0].Email;
    }

    // The offboarding's message(s) delivered: its job scheduled by one transfer call, the check's receipt dropped.
    private static async Task DeliveredOnceAsync(PipelineHarness pipeline, string id)
    {
        await pipeline.DrainRequestsAsync();
        var submitted = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Submitted, submitted.State);
        Assert.Null(submitted.FirstMessage);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, submitted.LeaverZohoId));
    }

    // Visible request messages about this offboarding.
    private static async Task<int> MessagesForAsync(PipelineHarness pipeline, string id) =>
        (await pipeline.Storage.Requests.PeekMessagesAsync(32)).Value.Count(m => m.MessageText.Contains(id, StringComparison.Ordinal));
}
