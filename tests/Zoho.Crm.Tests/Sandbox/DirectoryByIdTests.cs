using TestSupport;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

/// <summary>
/// Lookups by id (a leaver's manager) from the cached listing: no Zoho call while it is fresh, the same fresh reads
/// as the email lookup for users a transfer-and-delete of this client changes, and a direct read for ids it lacks.
/// </summary>
public sealed class DirectoryByIdTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Jobs run only when a test says so.
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 3600 });
    }

    [Fact]
    public async Task The_leavers_manager_comes_from_the_listing_without_reading_the_user()
    {
        using var client = SandboxClients.Create(Sandbox);

        var leaver = await client.FindUserByEmailAsync(Users.LeaverEmail);
        var manager = await client.FindUserAsync(leaver!.ReportingToId!);
        var inactive = await client.FindUserAsync(Users.InactiveId);

        Assert.Equal(Users.ManagerId, manager!.Id);
        Assert.Equal(Users.ManagerEmail, manager.Email);
        Assert.Equal(ZohoUserStatus.Active, manager.Status);
        Assert.Equal(ZohoUserStatus.Inactive, inactive!.Status);
        Assert.Equal(1, await CallsAsync("users.list"));
        Assert.Equal(0, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task A_manager_whose_own_transfer_this_client_sent_is_read_again_and_reads_as_deleted_once_the_job_ran()
    {
        using var client = SandboxClients.Create(Sandbox);
        Assert.Equal(ZohoUserStatus.Active, (await client.FindUserAsync(Users.ManagerId))!.Status);

        // The manager leaves in the same burst as the leaver who reports to them.
        await client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest
        {
            UserId = Users.ManagerId, TransferToUserId = Users.FallbackOwnerId, SubordinatesTargetUserId = Users.FallbackOwnerId,
        });
        var beforeJob = await client.FindUserAsync(Users.ManagerId);
        await Control.CompleteJobsAsync();
        var afterJob = await client.FindUserAsync(Users.ManagerId);
        var report = await client.FindUserAsync(Users.LeaverId);

        Assert.Equal(ZohoUserStatus.Active, beforeJob!.Status);
        Assert.True(afterJob is null || afterJob.Status == ZohoUserStatus.Deleted, $"manager reads as {afterJob?.RawStatus}");
        Assert.Equal(Users.FallbackOwnerId, report!.ReportingToId);
        Assert.Equal(1, await CallsAsync("users.list"));
        Assert.Equal(3, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task An_id_the_listing_lacks_is_read_from_zoho_without_reading_the_listing_again()
    {
        using var client = SandboxClients.Create(Sandbox);

        // The cached listing lacks a user Zoho has (as when deletions shifted its pages while it was read).
        var org = (await Control.GetStateAsync()).Org;
        var full = (await Control.GetStateAsync()).Org;
        org.Users.RemoveAll(u => u.Id == Users.StandardUserId);
        await Control.LoadOrgAsync(org);
        Assert.NotNull(await client.FindUserAsync(Users.ManagerId));
        await Control.LoadOrgAsync(full);

        var skipped = await client.FindUserAsync(Users.StandardUserId);
        var deleted = await client.FindUserAsync(Users.DeletedId);
        var unknown = await client.FindUserAsync("5725767000099999999");

        Assert.Equal(Users.StandardUserEmail, skipped?.Email);
        // Deleted users are not listed: only a direct read says what became of them.
        Assert.Equal(ZohoUserStatus.Deleted, deleted?.Status);
        Assert.Null(unknown);
        Assert.Equal(0, await CallsAsync("users.list"));
        Assert.Equal(2, await CallsAsync("users.get", 200));
    }
}
