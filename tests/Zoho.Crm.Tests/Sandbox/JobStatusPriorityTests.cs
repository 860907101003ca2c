using TestSupport;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

/// <summary>
/// Job-status reads take a freed concurrency slot before other calls, so in a burst of transfers the answer that a
/// job has ended is not late behind them.
/// </summary>
public sealed class JobStatusPriorityTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    private const int LatencyMs = 1000;

    [Fact]
    public async Task A_status_read_is_sent_before_user_reads_queued_ahead_of_it_when_every_slot_is_taken()
    {
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 3600 });
        using var client = SandboxClients.Create(Sandbox, o => o.MaxConcurrency = 1);
        var job = await client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.LeaverId, TransferToUserId = Users.ManagerId });
        await Control.UpdateSettingsAsync(s => s with { LatencyMinMs = LatencyMs, LatencyMaxMs = LatencyMs });

        var inFlight = client.GetUserAsync(Users.ManagerId);
        await Eventually.HoldsAsync(() => client.CallSlots.Held == 1, "the first user read holds the one slot");
        var queued = new[] { client.GetUserAsync(Users.StandardUserId), client.GetUserAsync(Users.InactiveId) };
        await Eventually.HoldsAsync(() => client.CallSlots.Waiting(CallPriority.Normal) == 2, "both later user reads wait for the slot");
        var status = client.GetTransferAndDeleteStatusAsync(job.JobId);
        await Eventually.HoldsAsync(() => Waiting(client) == 3, "the status read waits for the slot too");

        // The first read (a second of sandbox latency) still held the slot when the status read came: it arrived
        // behind both queued reads.
        Assert.False(inFlight.IsCompleted);

        await Task.WhenAll([inFlight, status, .. queued]);
        var order = (await Control.GetCallLogAsync())
            .Where(c => c.Endpoint is "users.get" or "transfer_and_delete.status")
            .Select(c => c.Endpoint)
            .ToList();
        Assert.Equal(["users.get", "transfer_and_delete.status", "users.get", "users.get"], order);
        Assert.False((await status).IsFinished);
    }

    private static int Waiting(ZohoCrmClient client) =>
        client.CallSlots.Waiting(CallPriority.Normal) + client.CallSlots.Waiting(CallPriority.High);
}
