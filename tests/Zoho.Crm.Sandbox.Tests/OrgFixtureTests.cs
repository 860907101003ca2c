using System.Net;
using Zoho.Crm.Sandbox.Fixtures;
using Zoho.Crm.Sandbox.Hosting;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>Serving an org other than the default: from an object, from a file, and swapped at run time.</summary>
public sealed class OrgFixtureTests
{
    private const string AdminId = "1000000000000000001";
    private const string ClerkId = "1000000000000000002";
    private const string Refresh = "1000.tiny.refresh";

    [Fact]
    public async Task Sandbox_serves_an_org_given_as_an_object()
    {
        await using var sandbox = await ZohoSandbox.StartAsync(new SandboxOptions { Org = TinyOrg() });
        using var zoho = new ZohoHttp(sandbox.BaseUri);

        var answer = await zoho.GetAsync("crm/v7/users", await AccessTokenAsync(zoho));

        Assert.Equal(2, answer.Body!["users"]!.AsArray().Count);
    }

    [Fact]
    public async Task Sandbox_serves_an_org_from_a_file_and_can_swap_it_at_run_time()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-org-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, OrgFixtureSerializer.Serialize(TinyOrg()));
        try
        {
            await using var sandbox = await ZohoSandbox.StartAsync(new SandboxOptions { OrgFixturePath = path });
            using var zoho = new ZohoHttp(sandbox.BaseUri);
            Assert.Equal(ClerkId, (await sandbox.Control.GetStateAsync()).User(ClerkId).Id);

            await sandbox.Control.LoadOrgAsync(OrgFixtureSerializer.LoadDefault());

            var users = await zoho.GetAsync("crm/v7/users?per_page=200", await zoho.AccessTokenAsync());
            Assert.Equal(DefaultOrg.Users.Count - 2, users.Body!["users"]!.AsArray().Count);

            // A reset now returns to the swapped-in org, not the file.
            await sandbox.Control.ResetAsync();
            Assert.NotNull((await sandbox.Control.GetStateAsync()).Org.FindUser(DefaultOrg.Users.LeaverId));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Malformed_fixture_file_fails_start_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{ \"users\": [ {\"id\": ");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => ZohoSandbox.StartAsync(new SandboxOptions { OrgFixturePath = path }));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Invalid_options_fail_start_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ZohoSandbox.StartAsync(new SandboxOptions { DropConnectionRate = -1 }));

        Assert.Contains("dropConnectionRate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipped_default_org_is_realistic_and_matches_its_constants()
    {
        var org = OrgFixtureSerializer.LoadDefault();

        Assert.Equal(DefaultOrg.Users.Count, org.Users.Count);
        Assert.Single(org.Users, u => u.SuperAdmin);
        Assert.True(org.FindUser(DefaultOrg.Users.SuperAdminId)!.SuperAdmin);
        Assert.Equal(DefaultOrg.Users.ManagerId, org.FindUser(DefaultOrg.Users.LeaverId)!.ReportingTo);
        Assert.Null(org.FindUser(DefaultOrg.Users.LeaverWithoutManagerId)!.ReportingTo);
        Assert.Equal(UserStatus.Inactive, org.FindUser(DefaultOrg.Users.InactiveId)!.Status);
        Assert.False(org.FindUser(DefaultOrg.Users.UnconfirmedId)!.Confirmed);
        Assert.False(org.FindUser(DefaultOrg.Users.NonCrmId)!.CrmUser);
        Assert.Equal(DefaultOrg.Users.BreakGlassEmail, org.FindUser(DefaultOrg.Users.BreakGlassId)!.Email);
        Assert.All(org.Users, u => Assert.NotNull(org.FindRole(u.RoleId)));
        Assert.All(org.Users, u => Assert.NotNull(org.FindProfile(u.ProfileId)));
        Assert.Equal(2, org.FindPortal(DefaultOrg.Portal.Name)!.Users.Count(u => u.UserTypeId == DefaultOrg.Portal.ResellersTypeId));
        Assert.Contains(org.Clients.Single().RefreshTokens, r => r.Token == DefaultOrg.RefreshToken && r.UserId == DefaultOrg.Users.SuperAdminId);
        await Task.CompletedTask;
    }

    private static async Task<string> AccessTokenAsync(ZohoHttp zoho)
    {
        var answer = await zoho.RefreshAsync(Refresh, "tiny-client", "tiny-secret");
        return answer["access_token"]!.GetValue<string>();
    }

    private static OrgFixture TinyOrg() => new()
    {
        Org = new FixtureOrg { Id = "1", Name = "Tiny", Edition = "free" },
        Profiles = [new FixtureProfile { Id = "10", Name = "Administrator", Permissions = new FixturePermissions { DeleteRoles = true, ClientPortalUser = true } }],
        Roles = [new FixtureRole { Id = "20", Name = "CEO" }],
        Users =
        [
            new FixtureUser { Id = AdminId, Email = "admin@tiny.example", FirstName = "Ada", LastName = "Admin", RoleId = "20", ProfileId = "10", SuperAdmin = true },
            new FixtureUser { Id = ClerkId, Email = "clerk@tiny.example", FirstName = "Cal", LastName = "Clerk", RoleId = "20", ProfileId = "10", ReportingTo = AdminId },
        ],
        Clients = [new FixtureClient { ClientId = "tiny-client", ClientSecret = "tiny-secret", RefreshTokens = [new FixtureRefreshToken { Token = Refresh, UserId = AdminId, Scopes = ["ZohoCRM.users.ALL"] }] }],
    };
}
