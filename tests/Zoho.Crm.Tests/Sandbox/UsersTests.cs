using TestSupport;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

public sealed class UsersTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    [Fact]
    public async Task Listing_pages_through_every_user()
    {
        using var client = SandboxClients.Create(Sandbox, o => o.UsersPageSize = 5);

        var users = await client.GetUsersAsync().ToListAsync();

        var crmUsers = (await Control.GetStateAsync()).Org.Users.Count(u => u.CrmUser && u.Status != "deleted");
        Assert.Equal(crmUsers, users.Count);
        Assert.Equal(users.Count, users.Select(u => u.Id).Distinct().Count());
        Assert.Equal((crmUsers + 4) / 5, await CallsAsync("users.list", 200));
    }

    [Theory]
    [InlineData("ActiveUsers", ZohoUserStatus.Active)]
    [InlineData("DeletedUsers", ZohoUserStatus.Deleted)]
    [InlineData("DeactiveUsers", ZohoUserStatus.Inactive)]
    public async Task The_type_filter_is_passed_to_zoho(string type, ZohoUserStatus status)
    {
        using var client = SandboxClients.Create(Sandbox);
        var users = await client.GetUsersAsync(type).ToListAsync();
        Assert.NotEmpty(users);
        Assert.All(users, u => Assert.Equal(status, u.Status));
    }

    [Fact]
    public async Task An_empty_listing_answers_204_and_yields_nothing()
    {
        using var client = SandboxClients.Create(Sandbox, o => o.UsersPageSize = 200);
        var org = (await Control.GetStateAsync()).Org;
        org.Users.RemoveAll(u => u.Status == "deleted");
        await Control.LoadOrgAsync(org);

        Assert.Empty(await client.GetUsersAsync("DeletedUsers").ToListAsync());
        Assert.Equal(1, await CallsAsync("users.list", 204));
    }

    [Fact]
    public async Task One_user_has_role_profile_manager_and_status()
    {
        using var client = SandboxClients.Create(Sandbox);

        var user = await client.GetUserAsync(Users.LeaverId);

        Assert.NotNull(user);
        Assert.Equal(Users.LeaverEmail, user.Email);
        Assert.Equal(Users.ManagerId, user.ReportingToId);
        Assert.Equal(ZohoUserStatus.Active, user.Status);
        Assert.Equal("active", user.RawStatus);
        Assert.True(user.IsConfirmed);
        Assert.False(string.IsNullOrEmpty(user.RoleId));
        Assert.False(string.IsNullOrEmpty(user.ProfileName));
        Assert.False(string.IsNullOrEmpty(user.FullName));
    }

    [Fact]
    public async Task Unconfirmed_and_unmanaged_users_read_as_such()
    {
        using var client = SandboxClients.Create(Sandbox);
        Assert.False((await client.GetUserAsync(Users.UnconfirmedId))!.IsConfirmed);
        Assert.Null((await client.GetUserAsync(Users.LeaverWithoutManagerId))!.ReportingToId);
        Assert.True((await client.GetUserAsync(Users.SuperAdminId))!.IsAdministrator);
    }

    [Fact]
    public async Task An_unknown_user_is_null()
    {
        using var client = SandboxClients.Create(Sandbox);
        Assert.Null(await client.GetUserAsync("5725767000099999999"));
        Assert.Equal(1, await CallsAsync("users.get", 400));
    }

    [Fact]
    public async Task A_burst_of_email_lookups_costs_one_listing()
    {
        using var client = SandboxClients.Create(Sandbox);
        var emails = new[] { Users.LeaverEmail, Users.ManagerEmail.ToUpperInvariant(), Users.InactiveEmail, "nobody@northwind.example" };

        var found = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.FindUserByEmailAsync(emails[i % emails.Length])));

        Assert.Equal(Users.LeaverId, found[0]!.Id);
        Assert.Equal(Users.ManagerId, found[1]!.Id);
        Assert.Equal(ZohoUserStatus.Inactive, found[2]!.Status);
        Assert.Null(found[3]);
        Assert.Equal(1, await CallsAsync("users.list"));
    }

    [Fact]
    public async Task The_directory_is_read_again_after_it_expires()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var client = SandboxClients.Create(Sandbox, o => { o.MaxRetries = 0; o.UserDirectoryTtl = TimeSpan.FromMinutes(2); }, time: clock);

        await client.FindUserByEmailAsync(Users.LeaverEmail);
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.FindUserByEmailAsync(Users.LeaverEmail);
        Assert.Equal(1, await CallsAsync("users.list"));

        clock.Advance(TimeSpan.FromMinutes(2));
        await client.FindUserByEmailAsync(Users.LeaverEmail);
        Assert.Equal(2, await CallsAsync("users.list"));
    }

    [Fact]
    public async Task The_api_domain_from_the_token_response_wins_over_configuration()
    {
        // Nothing listens on port 9: every CRM call would fail if the configured domain were used.
        using var client = SandboxClients.Create(Sandbox, o => { o.ApiUri = new Uri("http://127.0.0.1:9"); o.MaxRetries = 0; });
        Assert.NotNull(await client.GetUserAsync(Users.LeaverId));
    }

    [Fact]
    public async Task Zoho_paths_are_unchanged_by_the_sandbox_base_path()
    {
        using var client = SandboxClients.Create(Sandbox);
        await client.GetUserAsync(Users.LeaverId);
        var call = Assert.Single(await Control.GetCallLogAsync(), c => c.Endpoint == "users.get");
        Assert.Equal($"/crm/v8/users/{Users.LeaverId}", call.Path);
        Assert.Null(call.Fault);
        Assert.IsType<CallLogEntry>(call);
    }
}
