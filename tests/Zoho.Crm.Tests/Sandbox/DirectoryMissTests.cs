using TestSupport;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

/// <summary>
/// A lookup that misses in an older cached listing reads the listing again: Zoho pages the listing by position
/// and leaves deleted users out, so users deleted while it is read shift the pages and others can be skipped.
/// </summary>
public sealed class DirectoryMissTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    [Fact]
    public async Task A_user_missing_from_an_older_listing_is_found_in_a_fresh_one_and_misses_do_not_reload_each_time()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var client = SandboxClients.Create(Sandbox, time: clock);

        // The cached listing lacks a user Zoho has (as when the pages shifted under it).
        var org = (await Control.GetStateAsync()).Org;
        var full = (await Control.GetStateAsync()).Org;
        org.Users.RemoveAll(u => u.Id == Users.StandardUserId);
        await Control.LoadOrgAsync(org);
        Assert.NotNull(await client.FindUserByEmailAsync(Users.ManagerEmail));
        await Control.LoadOrgAsync(full);
        var listings = await CallsAsync("users.list");

        // A miss in a listing just read is trusted: no reload storm for emails Zoho really lacks.
        Assert.Null(await client.FindUserByEmailAsync(Users.StandardUserEmail));
        Assert.Equal(listings, await CallsAsync("users.list"));

        clock.Advance(ZohoUserDirectory.MissReloadInterval + TimeSpan.FromSeconds(1));
        var found = await client.FindUserByEmailAsync(Users.StandardUserEmail);
        Assert.Equal(Users.StandardUserId, found?.Id);
        var reread = await CallsAsync("users.list");
        Assert.True(reread > listings, $"listing calls {listings} -> {reread}");

        Assert.Null(await client.FindUserByEmailAsync("nobody@northwind.example"));
        Assert.Equal(reread, await CallsAsync("users.list"));
    }
}
