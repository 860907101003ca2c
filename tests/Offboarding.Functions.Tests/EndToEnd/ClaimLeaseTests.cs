using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;
using TestSupport;
using Zoho.Crm.Sandbox.Api;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// A Submitting claim lives as long as its holder works: renewed while the Zoho call runs (so a long call is never taken
/// over), lapsing one short lease after its holder stopped (so another reconciles it, reading Zoho first), and given up by a
/// holder that cannot renew it (so it calls Zoho no more).
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class ClaimLeaseTests(PipelineFixture fixture) : SandboxResetTest(fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly Dictionary<string, string?> ShortLease = new() { ["Transfer:SubmittingLease"] = "00:00:10" };
    private const string TransferRoute = "/actions/transfer_and_delete";

    [Fact]
    public async Task A_claim_is_renewed_while_its_zoho_call_runs_past_the_lease_and_a_redelivery_meanwhile_leaves_it_alone()
    {
        await using var pipeline = new PipelineHarness(Fixture, ShortLease);
        var (id, delivery) = await AcceptAsync(pipeline);
        pipeline.Gate.Arm(TransferRoute);
        var holder = pipeline.Transfer.RunAsync(delivery(1), CancellationToken.None);
        await pipeline.Gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var claimed = await pipeline.GetAsync(id);

        // The call is held at Zoho's door for longer than a lease: only the renewals keep the claim.
        var renewed = await Eventually.ReturnsAsync(
            () => pipeline.GetAsync(id),
            r => r.ClaimRenewedAt - claimed.SubmittingSince > Lease + TimeSpan.FromSeconds(1),
            "the holder has renewed its claim past one lease from the claim");
        Assert.Equal(OffboardingState.Submitting, renewed.State);
        Assert.Equal(claimed.SubmittingSince, renewed.SubmittingSince);

        await pipeline.Transfer.RunAsync(delivery(2), CancellationToken.None);
        Assert.Equal(claimed.SubmittingSince, (await pipeline.GetAsync(id)).SubmittingSince);

        pipeline.Gate.Release();
        await holder;
        var submitted = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Submitted, submitted.State);
        Assert.DoesNotContain(submitted.Audit, a => a.Step == "reconciling");
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
    }

    [Fact]
    public async Task A_claim_whose_holder_stopped_lapses_after_one_lease_and_is_reconciled_and_its_job_slot_freed()
    {
        await using var pipeline = new PipelineHarness(Fixture, ShortLease);

        // No job length is learned here (as on an instance started after the loss): the slot must not wait for one.
        var (id, delivery) = await AcceptAsync(pipeline);
        pipeline.Gate.Arm(TransferRoute);
        using var instance = new CancellationTokenSource();
        var holder = pipeline.Transfer.RunAsync(delivery(1), instance.Token);
        await pipeline.Gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // The holder stops inside its transfer call, before the call reaches Zoho, as when its instance is taken away.
        await instance.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holder);
        Assert.Equal(OffboardingState.Submitting, (await pipeline.GetAsync(id)).State);
        Assert.Contains(await HoldersAsync(pipeline), h => h == id);

        // One lease later the poll's sweep finds it lapsed; the redelivery reads Zoho, sees the leaver still there, and
        // verifies instead of calling again, and gives the lost holder's job slot back at once.
        pipeline.Time.Advance(Lease + TimeSpan.FromSeconds(3));
        var released = await Eventually.ReturnsAsync(
            async () =>
            {
                await pipeline.Poll.RunCycleAsync(CancellationToken.None);
                await pipeline.DrainRequestsAsync();
                return await pipeline.GetAsync(id);
            },
            r => r.State == OffboardingState.Verifying,
            "the lapsed claim was reconciled");

        Assert.Contains(released.Audit, a => a.Step == "reconciling");
        Assert.Contains(released.Audit, a => a.Step == "admission" && a.Outcome == "slot_released");
        Assert.DoesNotContain(await HoldersAsync(pipeline), h => h == id);
        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
    }

    [Fact]
    public async Task A_holder_that_cannot_renew_gives_its_claim_up_and_calls_zoho_no_more()
    {
        await using var pipeline = new PipelineHarness(Fixture, ShortLease);
        var (id, delivery) = await AcceptAsync(pipeline);
        pipeline.Gate.Arm(TransferRoute);
        var holder = pipeline.Transfer.RunAsync(delivery(1), CancellationToken.None);
        await pipeline.Gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // Storage refuses the renewals (merges of the record's row): after half a lease the holder stops its call.
        pipeline.StorageCalls.Fail(call => call == $"PATCH /{StorageNames.OffboardingTable}");
        await holder.WaitAsync(TimeSpan.FromSeconds(30));
        pipeline.StorageCalls.StopFailing();

        var left = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Submitting, left.State);
        Assert.Contains(pipeline.Logs.Lines, line => line.Contains("claim is lost", StringComparison.Ordinal) && line.Contains(id, StringComparison.Ordinal));
        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
    }

    private static async Task<(string Id, Func<long, QueueMessage> Delivery)> AcceptAsync(PipelineHarness pipeline)
    {
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", Users.LeaverEmail)));
        Assert.Equal(202, response.StatusCode);
        var id = IdOf(response);
        var message = (await pipeline.Storage.Requests.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(2))).Value.Single(m => m.MessageText.Contains(id, StringComparison.Ordinal));
        return (id, count => QueuesModelFactory.QueueMessage(message.MessageId, "pop-receipt", message.MessageText, count));
    }

    private static async Task<IReadOnlyList<string?>> HoldersAsync(PipelineHarness pipeline) =>
        [.. (await pipeline.Services.GetRequiredService<JobSlots>().ReadAsync(CancellationToken.None)).Slots.Select(s => s.Holder)];

    private static string IdOf(HttpAnswer response) =>
        JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;
}
