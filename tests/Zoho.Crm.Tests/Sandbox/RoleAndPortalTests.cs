using TestSupport;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Tests.Support;
using Portal = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Portal;
using Roles = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Roles;

namespace Zoho.Crm.Tests.Sandbox;

public sealed class RoleAndPortalTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    [Theory]
    [InlineData("v7")]
    [InlineData("v8")]
    public async Task Deleting_a_role_moves_its_users_to_the_target_role(string version)
    {
        using var client = SandboxClients.Create(Sandbox, o => o.ApiVersion = version);
        var before = (await Control.GetStateAsync()).Org.Users.Count(u => u.RoleId == Roles.SalesRepEmea);
        Assert.True(before > 0, "the fixture should have users in the role");

        await client.DeleteRoleAsync(Roles.SalesRepEmea, Roles.SalesManagerEmea);

        var org = (await Control.GetStateAsync()).Org;
        Assert.DoesNotContain(org.Roles, r => r.Id == Roles.SalesRepEmea);
        Assert.DoesNotContain(org.Users, u => u.RoleId == Roles.SalesRepEmea);
        Assert.Equal(1, await CallsAsync("roles.delete", 200));
    }

    [Fact]
    public async Task Deleting_a_role_that_is_gone_is_permanent_when_no_earlier_attempt_was_lost()
    {
        using var client = SandboxClients.Create(Sandbox);
        await client.DeleteRoleAsync(Roles.SalesInternsEmea, Roles.SalesRepEmea);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.DeleteRoleAsync(Roles.SalesInternsEmea, Roles.SalesRepEmea));

        Assert.Equal(ZohoErrorClassification.Permanent, error.Classification);
        Assert.Equal("INVALID_DATA", error.Code);
    }

    [Fact]
    public async Task A_role_deletion_whose_answer_was_lost_is_already_done_on_retry()
    {
        await Control.UpdateSettingsAsync(s => s with { FaultEndpoints = ["roles.delete"], ScriptedFaults = [FaultKind.DropResponse] });
        using var client = SandboxClients.Create(Sandbox);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.DeleteRoleAsync(Roles.SalesInternsEmea, Roles.SalesRepEmea));

        Assert.Equal(ZohoErrorClassification.AlreadyDone, error.Classification);
        Assert.True(error.EarlierAttemptAmbiguous);
        Assert.Equal(2, await CallsAsync("roles.delete"));
    }

    [Fact]
    public async Task Portal_users_move_to_the_target_user_type_with_per_user_results()
    {
        using var client = SandboxClients.Create(Sandbox);
        var ids = Portal.CustomerPersonalityIds.Take(2).ToList();

        var result = await client.TransferPortalUsersAsync(Portal.Name, Portal.CustomersTypeId, Portal.PartnersTypeId, ids);

        Assert.True(result.AllSucceeded);
        Assert.Equal(ids, result.Users.Select(u => u.PersonalityId));
        Assert.All(result.Users, u => Assert.Equal("SUCCESS", u.Code));
        Assert.Equal(1, result.Calls);
        var portal = (await Control.GetStateAsync()).Org.Portals.Single(p => p.Name == Portal.Name);
        Assert.All(ids, id => Assert.Equal(Portal.PartnersTypeId, portal.Users.Single(u => u.PersonalityId == id).UserTypeId));
    }

    [Fact]
    public async Task Long_id_lists_are_split_into_several_calls()
    {
        using var client = SandboxClients.Create(Sandbox, o => o.PortalTransferBatchSize = 3);

        var result = await client.TransferPortalUsersAsync(Portal.Name, Portal.CustomersTypeId, Portal.PartnersTypeId, Portal.CustomerPersonalityIds);

        Assert.True(result.AllSucceeded);
        Assert.Equal(Portal.CustomerPersonalityIds.Count, result.Users.Count);
        Assert.Equal(2, result.Calls);
        Assert.Equal(2, await CallsAsync("portal.user_type.transfer", 200));
    }

    [Fact]
    public async Task Invalid_ids_fail_alone_and_the_others_are_still_moved()
    {
        using var client = SandboxClients.Create(Sandbox);
        var partner = Portal.PartnerPersonalityIds[0];
        var ids = new[] { Portal.CustomerPersonalityIds[0], partner, Portal.CustomerPersonalityIds[1] };

        var result = await client.TransferPortalUsersAsync(Portal.Name, Portal.CustomersTypeId, Portal.PartnersTypeId, ids);

        Assert.False(result.AllSucceeded);
        var failed = Assert.Single(result.Users, u => !u.Succeeded);
        Assert.Equal((partner, "INVALID_DATA", ZohoErrorClassification.Permanent), (failed.PersonalityId, failed.Code, failed.Classification!.Value));
        Assert.Equal(2, result.Users.Count(u => u.Succeeded));
        Assert.Equal(2, result.Calls);
        Assert.Equal(1, await CallsAsync("portal.user_type.transfer", 400));
        Assert.Equal(1, await CallsAsync("portal.user_type.transfer", 200));
    }

    [Fact]
    public async Task A_target_that_is_not_a_custom_user_type_fails_every_user()
    {
        using var client = SandboxClients.Create(Sandbox);

        var result = await client.TransferPortalUsersAsync(Portal.Name, Portal.PartnersTypeId, Portal.CustomersTypeId, Portal.PartnerPersonalityIds);

        Assert.All(result.Users, u => Assert.Equal(("INVALID_DATA", ZohoErrorClassification.Permanent), (u.Code, u.Classification!.Value)));
        Assert.Equal(1, await CallsAsync("portal.user_type.transfer"));
    }
}
