using System.Net;
using TestSupport;
using static Zoho.Crm.Sandbox.Fixtures.DefaultOrg;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>Role delete-and-transfer and portal user-type transfer: answers and the org changes they make.</summary>
public sealed class RoleAndPortalTests(SandboxFixture sandbox) : SandboxTest(sandbox), IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Deleting_a_role_moves_its_users_and_reparents_its_child_roles()
    {
        var before = await Control.GetStateAsync();
        var emeaManagers = before.Org.Users.Where(u => u.RoleId == Roles.SalesManagerEmea).Select(u => u.Id).ToList();
        Assert.NotEmpty(emeaManagers);
        var token = await Zoho.AccessTokenAsync();

        var answer = await Zoho.SendAsync(HttpMethod.Delete, $"crm/v7/settings/roles/{Roles.SalesManagerEmea}?transfer_to_id={Roles.SalesManagerNa}", token);

        Assert.Equal((HttpStatusCode.OK, "SUCCESS"), (answer.Status, answer.Code));
        Assert.Equal(Roles.SalesManagerEmea, answer.Body!["details"]!["id"]!.GetValue<string>());
        var after = await Control.GetStateAsync();
        Assert.Null(after.Org.FindRole(Roles.SalesManagerEmea));
        Assert.All(emeaManagers, id => Assert.Equal(Roles.SalesManagerNa, after.User(id).RoleId));
        Assert.Equal(Roles.VpSales, after.Org.FindRole(Roles.SalesRepEmea)!.ReportingTo);
        Assert.Equal(1, await Control.CountAsync("roles.delete", status: 200));
    }

    [Fact]
    public async Task V8_wraps_the_role_answer_in_roles()
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.SendAsync(HttpMethod.Delete, $"crm/v8/settings/roles/{Roles.SalesInternsEmea}?transfer_to_id={Roles.SalesRepEmea}", token);

        Assert.Equal("SUCCESS", answer.Body!["roles"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_manager_may_delete_a_role_below_her_own()
    {
        var token = await Zoho.AccessTokenAsync(SalesManagerRefreshToken);
        var answer = await Zoho.SendAsync(HttpMethod.Delete, $"crm/v7/settings/roles/{Roles.SalesInternsEmea}?transfer_to_id={Roles.SalesRepEmea}", token);

        Assert.Equal("SUCCESS", answer.Code);
        var state = await Control.GetStateAsync();
        Assert.Equal(Roles.SalesRepEmea, state.User("5725767000000020019").RoleId);
    }

    [Fact]
    public async Task Deleted_role_is_gone_from_get_role()
    {
        var token = await Zoho.AccessTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync($"crm/v7/settings/roles/{Roles.SalesInternsEmea}", token)).Status);
        await Zoho.SendAsync(HttpMethod.Delete, $"crm/v7/settings/roles/{Roles.SalesInternsEmea}?transfer_to_id={Roles.SalesRepEmea}", token);

        Assert.Equal("INVALID_DATA", (await Zoho.GetAsync($"crm/v7/settings/roles/{Roles.SalesInternsEmea}", token)).Code);
    }

    [Fact]
    public async Task Portal_transfer_moves_each_user_and_answers_per_user()
    {
        var ids = Portal.CustomerPersonalityIds.Take(2).ToList();
        var token = await Zoho.AccessTokenAsync();
        var path = $"crm/v7/settings/portals/{Portal.Name}/user_type/{Portal.CustomersTypeId}/users/action/transfer?transfer_To={Portal.PartnersTypeId}&personality_ids={string.Join(',', ids)}";

        var answer = await Zoho.PostAsync(path, token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var results = answer.Body!["users"]!.AsArray();
        Assert.Equal(ids.Order(), results.Select(r => r!["details"]!["personality_id"]!.GetValue<string>()).Order());
        Assert.All(results, r => Assert.Equal("SUCCESS", r!["code"]!.GetValue<string>()));
        var portal = (await Control.GetStateAsync()).Org.FindPortal(Portal.Name)!;
        Assert.All(ids, id => Assert.Equal(Portal.PartnersTypeId, portal.Users.Single(u => u.PersonalityId == id).UserTypeId));
        Assert.Equal(Portal.CustomersTypeId, portal.Users.Single(u => u.PersonalityId == Portal.CustomerPersonalityIds[2]).UserTypeId);
    }

    [Fact]
    public async Task Portal_transfer_with_one_bad_id_moves_nobody()
    {
        var token = await Zoho.AccessTokenAsync();
        var ids = $"{Portal.CustomerPersonalityIds[0]},{Portal.PartnerPersonalityIds[0]}";
        var path = $"crm/v7/settings/portals/{Portal.Name}/user_type/{Portal.CustomersTypeId}/users/action/transfer?transfer_To={Portal.PartnersTypeId}&personality_ids={ids}";

        var answer = await Zoho.PostAsync(path, token);

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_DATA"), (answer.Status, answer.Code));
        var portal = (await Control.GetStateAsync()).Org.FindPortal(Portal.Name)!;
        Assert.Equal(Portal.CustomersTypeId, portal.Users.Single(u => u.PersonalityId == Portal.CustomerPersonalityIds[0]).UserTypeId);
    }

    [Fact]
    public async Task Portal_transfer_refuses_more_ids_than_the_configured_maximum()
    {
        await Control.UpdateSettingsAsync(s => s with { PortalTransferMaxIds = 2 });
        var token = await Zoho.AccessTokenAsync();
        var path = $"crm/v7/settings/portals/{Portal.Name}/user_type/{Portal.CustomersTypeId}/users/action/transfer?transfer_To={Portal.PartnersTypeId}&personality_ids={string.Join(',', Portal.CustomerPersonalityIds.Take(3))}";

        var answer = await Zoho.PostAsync(path, token);

        Assert.Equal("2", answer.Details!["maximum_length"]!.ToString());
    }

    [Fact]
    public async Task Parameter_names_are_case_sensitive_as_documented()
    {
        var token = await Zoho.AccessTokenAsync();
        var path = $"crm/v7/settings/portals/{Portal.Name}/user_type/{Portal.CustomersTypeId}/users/action/transfer?transfer_to={Portal.PartnersTypeId}&personality_ids={Portal.CustomerPersonalityIds[0]}";

        var answer = await Zoho.PostAsync(path, token);

        Assert.Equal("REQUIRED_PARAM_MISSING", answer.Code);
    }
}
