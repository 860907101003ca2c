using TestSupport;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

/// <summary>
/// The cached user listing after a transfer-and-delete: the leaver and the leaver's reports are read again until
/// Zoho shows the job's effects; everyone else is still served from the listing (no extra Zoho calls).
/// </summary>
public sealed class DirectoryAfterTransferTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Jobs run only when a test says so.
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 3600 });
    }

    [Fact]
    public async Task Other_users_are_still_served_from_the_cached_listing()
    {
        using var client = SandboxClients.Create(Sandbox);
        await client.FindUserByEmailAsync(Users.LeaverEmail);

        await TransferLeaverAsync(client);
        await Control.CompleteJobsAsync();
        var manager = await client.FindUserByEmailAsync(Users.ManagerEmail);
        var inactive = await client.FindUserByEmailAsync(Users.InactiveEmail);
        var other = await client.FindUserByEmailAsync(Users.StandardUserEmail);

        Assert.Equal(Users.ManagerId, manager!.Id);
        Assert.Equal(ZohoUserStatus.Active, manager.Status);
        Assert.Equal(ZohoUserStatus.Inactive, inactive!.Status);
        Assert.Equal(Users.StandardUserId, other!.Id);
        Assert.Equal(1, await CallsAsync("users.list"));
        Assert.Equal(0, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task The_leaver_reads_as_deleted_once_the_job_has_run()
    {
        using var client = SandboxClients.Create(Sandbox);
        Assert.Equal(ZohoUserStatus.Active, (await client.FindUserByEmailAsync(Users.LeaverEmail))!.Status);

        await TransferLeaverAsync(client);
        var beforeJob = await client.FindUserByEmailAsync(Users.LeaverEmail);
        await Control.CompleteJobsAsync();
        var afterJob = await client.FindUserByEmailAsync(Users.LeaverEmail);

        Assert.Equal(ZohoUserStatus.Active, beforeJob!.Status);
        Assert.Equal(Users.LeaverId, afterJob!.Id);
        Assert.Equal(ZohoUserStatus.Deleted, afterJob.Status);
        Assert.Equal(1, await CallsAsync("users.list"));
        Assert.Equal(2, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task Once_seen_deleted_the_leaver_is_not_read_again()
    {
        using var client = SandboxClients.Create(Sandbox);
        await client.FindUserByEmailAsync(Users.LeaverEmail);
        await TransferLeaverAsync(client);
        await Control.CompleteJobsAsync();

        var first = await client.FindUserByEmailAsync(Users.LeaverEmail);
        var second = await client.FindUserByEmailAsync(Users.LeaverEmail.ToUpperInvariant());

        Assert.Equal(ZohoUserStatus.Deleted, first!.Status);
        Assert.Equal(ZohoUserStatus.Deleted, second!.Status);
        Assert.Equal(1, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task The_leavers_reports_show_their_new_manager()
    {
        using var client = SandboxClients.Create(Sandbox);
        Assert.Equal(Users.LeaverId, (await client.FindUserByEmailAsync(Users.LeaverSubordinateEmail))!.ReportingToId);

        await client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest
        {
            UserId = Users.LeaverId, TransferToUserId = Users.ManagerId, SubordinatesTargetUserId = Users.StandardUserId,
        });
        await Control.CompleteJobsAsync();
        var report = await client.FindUserByEmailAsync(Users.LeaverSubordinateEmail);

        Assert.Equal(Users.StandardUserId, report!.ReportingToId);
        Assert.Equal(1, await CallsAsync("users.list"));
    }

    [Fact]
    public async Task A_leaver_whose_job_failed_still_reads_as_active()
    {
        using var client = SandboxClients.Create(Sandbox);
        await client.FindUserByEmailAsync(Users.LeaverEmail);
        await TransferLeaverAsync(client);

        await Control.FailJobsAsync();
        var leaver = await client.FindUserByEmailAsync(Users.LeaverEmail);

        Assert.Equal(ZohoUserStatus.Active, leaver!.Status);
        Assert.Equal(1, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task A_transfer_whose_answer_was_lost_still_gets_the_leaver_read_again()
    {
        // The lost attempt scheduled a job although the call throws: the cached "active" must not outlive it.
        await Control.UpdateSettingsAsync(s => s with { FaultEndpoints = ["transfer_and_delete"], ScriptedFaults = [FaultKind.DropResponse] });
        using var client = SandboxClients.Create(Sandbox, o => o.ResubmitTransferAfterUnknownOutcome = false);
        await client.FindUserByEmailAsync(Users.LeaverEmail);

        var unknown = await Assert.ThrowsAsync<ZohoCrmException>(() => TransferLeaverAsync(client));
        await Control.CompleteJobsAsync();
        var leaver = await client.FindUserByEmailAsync(Users.LeaverEmail);

        Assert.Equal(ZohoErrorCodes.ClientOutcomeUnknown, unknown.Code);
        Assert.Equal(ZohoUserStatus.Deleted, leaver!.Status);
        Assert.Equal(1, await CallsAsync("users.list"));
    }

    [Fact]
    public async Task A_transfer_zoho_refuses_changes_nothing_in_the_directory()
    {
        using var client = SandboxClients.Create(Sandbox);
        await client.FindUserByEmailAsync(Users.SuperAdminEmail);

        var refused = await Assert.ThrowsAsync<ZohoCrmException>(() => client.TransferAndDeleteUserAsync(
            new TransferAndDeleteRequest { UserId = Users.SuperAdminId, TransferToUserId = Users.ManagerId }));
        var admin = await client.FindUserByEmailAsync(Users.SuperAdminEmail);

        Assert.Equal(ZohoErrorClassification.Permanent, refused.Classification);
        Assert.Equal(ZohoUserStatus.Active, admin!.Status);
        Assert.Equal(1, await CallsAsync("users.list"));
        Assert.Equal(0, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task A_listing_read_before_the_job_ran_keeps_the_leaver_watched()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var client = SandboxClients.Create(Sandbox, o => o.UserDirectoryTtl = TimeSpan.FromMinutes(2), time: clock);
        await TransferLeaverAsync(client);

        clock.Advance(TimeSpan.FromMinutes(3));
        var beforeJob = await client.FindUserByEmailAsync(Users.LeaverEmail);
        await Control.CompleteJobsAsync();
        var afterJob = await client.FindUserByEmailAsync(Users.LeaverEmail);

        Assert.Equal(ZohoUserStatus.Active, beforeJob!.Status);
        Assert.Equal(ZohoUserStatus.Deleted, afterJob!.Status);
        Assert.Equal(1, await CallsAsync("users.list"));
    }

    [Fact]
    public async Task A_listing_that_shows_the_job_done_ends_the_extra_reads()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var client = SandboxClients.Create(Sandbox, o => o.UserDirectoryTtl = TimeSpan.FromMinutes(2), time: clock);
        await client.FindUserByEmailAsync(Users.LeaverEmail);
        await TransferLeaverAsync(client);
        await Control.CompleteJobsAsync();
        Assert.Equal(ZohoUserStatus.Deleted, (await client.FindUserByEmailAsync(Users.LeaverEmail))!.Status);

        clock.Advance(TimeSpan.FromMinutes(3));
        var leaver = await client.FindUserByEmailAsync(Users.LeaverEmail);
        var report = await client.FindUserByEmailAsync(Users.LeaverSubordinateEmail);

        // AllUsers does not list deleted users (the sandbox, like Zoho's DeletedUsers type, keeps them apart).
        Assert.True(leaver is null || leaver.Status == ZohoUserStatus.Deleted);
        Assert.Equal(Users.ManagerId, report!.ReportingToId);
        Assert.Equal(2, await CallsAsync("users.list"));
        Assert.Equal(1, await CallsAsync("users.get"));
    }

    private static Task<TransferJob> TransferLeaverAsync(ZohoCrmClient client) =>
        client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.LeaverId, TransferToUserId = Users.ManagerId });
}
