using System.Text.Json;
using Offboarding.Functions.Domain;
using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Fixtures;

namespace Offboarding.Functions.Tests.EndToEnd;

[Collection(PipelineTestGroup.Name)]
public sealed class RoleAndPortalTests : SandboxResetTest
{
    public RoleAndPortalTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    private static async Task<string> PostAsync(PipelineHarness pipeline, string json)
    {
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(json));
        Assert.Equal(202, response.StatusCode);
        return JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Role_delete_and_transfer_finishes_in_the_transfer_function_with_a_completion_event()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await PostAsync(pipeline, $$$"""
            {"source":"hris-test","sourceEventId":"role-{{{Guid.NewGuid():N}}}","operation":"role_delete_and_transfer",
             "role":{"roleId":"{{{DefaultOrg.Roles.SalesInternsEmea}}}","transferToRoleId":"{{{DefaultOrg.Roles.SalesRepEmea}}}"}}
            """);
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Completed, record.State);
        Assert.Null(record.ZohoJobId);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.RolesDelete));
        Assert.Equal(["com.northwind.offboarding.completed"], (await pipeline.EventsForAsync(id)).Select(e => e.Type));
        var state = await Fixture.Sandbox.Control.GetStateAsync();
        Assert.DoesNotContain(state.Org.Roles, r => r.Id == DefaultOrg.Roles.SalesInternsEmea);
    }

    [Fact]
    public async Task Role_transfer_to_a_subordinate_role_fails_with_zohos_code()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await PostAsync(pipeline, $$$"""
            {"source":"hris-test","sourceEventId":"role-{{{Guid.NewGuid():N}}}","operation":"role_delete_and_transfer",
             "role":{"roleId":"{{{DefaultOrg.Roles.SalesManagerEmea}}}","transferToRoleId":"{{{DefaultOrg.Roles.SalesRepEmea}}}"}}
            """);
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Failed, record.State);
        Assert.Equal("INVALID_DATA", record.FailureCode);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.RolesDelete));
        Assert.Contains(await pipeline.EventsForAsync(id), e => e.Type == "com.northwind.offboarding.failed");
    }

    [Fact]
    public async Task Portal_user_type_transfer_moves_the_users_and_announces_completion()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var ids = string.Join(",", DefaultOrg.Portal.CustomerPersonalityIds.Take(2).Select(p => $"\"{p}\""));
        var id = await PostAsync(pipeline, $$$"""
            {"source":"hris-test","sourceEventId":"portal-{{{Guid.NewGuid():N}}}","operation":"portal_user_type_transfer",
             "portal":{"name":"{{{DefaultOrg.Portal.Name}}}","fromUserTypeId":"{{{DefaultOrg.Portal.CustomersTypeId}}}","toUserTypeId":"{{{DefaultOrg.Portal.PartnersTypeId}}}","personalityIds":[{{{ids}}}]}}
            """);
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Completed, record.State);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.PortalUserTypeTransfer));
        Assert.Equal(["com.northwind.offboarding.completed"], (await pipeline.EventsForAsync(id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Dry_runs_of_role_and_portal_operations_change_nothing()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var role = await PostAsync(pipeline, $$$"""
            {"source":"hris-test","sourceEventId":"role-{{{Guid.NewGuid():N}}}","operation":"role_delete_and_transfer","dryRun":true,
             "role":{"roleId":"{{{DefaultOrg.Roles.SalesInternsEmea}}}","transferToRoleId":"{{{DefaultOrg.Roles.SalesRepEmea}}}"}}
            """);
        var portal = await PostAsync(pipeline, $$$"""
            {"source":"hris-test","sourceEventId":"portal-{{{Guid.NewGuid():N}}}","operation":"portal_user_type_transfer","dryRun":true,
             "portal":{"name":"{{{DefaultOrg.Portal.Name}}}","fromUserTypeId":"{{{DefaultOrg.Portal.CustomersTypeId}}}","toUserTypeId":"{{{DefaultOrg.Portal.PartnersTypeId}}}","personalityIds":["{{{DefaultOrg.Portal.CustomerPersonalityIds[0]}}}"]}}
            """);
        await pipeline.DrainRequestsAsync();

        foreach (var id in new[] { role, portal })
        {
            var record = await pipeline.GetAsync(id);
            Assert.Equal(OffboardingState.Planned, record.State);
            Assert.Single(record.PlannedCalls);
            Assert.Equal("com.northwind.offboarding.dry_run", Assert.Single(await pipeline.EventsForAsync(id)).Type);
        }

        Assert.Empty(await Fixture.Sandbox.Control.GetCallLogAsync());
    }
}
