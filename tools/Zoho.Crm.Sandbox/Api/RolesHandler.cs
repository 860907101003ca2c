using System.Text.Json.Nodes;
using Zoho.Crm.Sandbox.Engine;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>Roles: list, get one, and delete with <c>transfer_to_id</c> (synchronous; the users move with it).</summary>
public sealed class RolesHandler(SandboxState state)
{
    private const int RoleIdPathIndex = 2;

    public ZohoResult List(ApiCall call) =>
        ZohoResult.Ok(new JsonObject { ["roles"] = new JsonArray([.. state.Org.Roles.Select(ToJson)]) }, code: null);

    public ZohoResult Get(ApiCall call)
    {
        var role = FindRole(call.Route("id"));
        return role is null
            ? ZohoErrors.InvalidId(RoleIdPathIndex)
            : ZohoResult.Ok(new JsonObject { ["roles"] = new JsonArray(ToJson(role)) }, code: null);
    }

    public ZohoResult Delete(ApiCall call)
    {
        var org = state.Org;
        var caller = org.FindUser(call.RequireCaller().UserId);
        var profile = org.FindProfile(caller?.ProfileId);
        if (caller is null || profile is null || !profile.Permissions.DeleteRoles)
        {
            return ZohoErrors.Top(StatusCodes.Status403Forbidden, ZohoCodes.NoPermission, "Permission denied to delete");
        }

        var role = FindRole(call.Route("id"));
        if (role is null)
        {
            return ZohoErrors.InvalidId(RoleIdPathIndex);
        }

        var targetId = call.Parameter("transfer_to_id");
        if (targetId is null)
        {
            return ZohoErrors.RequiredParamMissing("transfer_to_id", "One of the expected parameter is missing");
        }

        if (!ZohoIds.IsWellFormed(targetId))
        {
            return ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.UnableToParseDataType, "either the request body or parameters is in wrong format",
                ZohoErrors.Details(("param_name", "transfer_to_id"), ("expected_data_type", "long")));
        }

        // A non-super-admin may only delete roles below their own.
        if (!caller.SuperAdmin && !OrgHierarchy.RoleIsBelow(org, role.Id, caller.RoleId))
        {
            return ZohoErrors.Top(StatusCodes.Status401Unauthorized, ZohoCodes.AuthorizationFailed, "User does not have sufficient privilege to delete roles");
        }

        var target = org.FindRole(targetId);
        var roleStatus = target is null ? "invalid" : target.Id == role.Id ? "same_role" : OrgHierarchy.RoleIsBelow(org, target.Id, role.Id) ? "subordinate" : null;
        if (roleStatus is not null)
        {
            return ZohoErrors.InvalidParameter("transfer_to_id", "the users cannot be transferred to the given role", ("role_status", roleStatus));
        }

        Apply(org, role, target!);
        var entry = ZohoErrors.Entry(ZohoCodes.Success, "Role Deleted", ZohoErrors.Details(("id", role.Id)), "success");

        // The seed page (v2–v7) answers the bare object; Zoho's v8 spec wraps it in "roles".
        return ZohoResult.Ok(call.Version == "v8" ? new JsonObject { ["roles"] = new JsonArray(entry) } : entry);
    }

    private static void Apply(OrgFixture org, FixtureRole role, FixtureRole target)
    {
        foreach (var user in org.Users.Where(u => u.RoleId == role.Id))
        {
            user.RoleId = target.Id;
        }

        foreach (var child in org.Roles.Where(r => r.ReportingTo == role.Id))
        {
            child.ReportingTo = role.ReportingTo;
        }

        org.Roles.Remove(role);
    }

    private FixtureRole? FindRole(string? id) => ZohoIds.IsWellFormed(id) ? state.Org.FindRole(id) : null;

    private JsonObject ToJson(FixtureRole role)
    {
        var parent = state.Org.FindRole(role.ReportingTo);
        return new JsonObject
        {
            ["id"] = role.Id,
            ["name"] = role.Name,
            ["display_label"] = role.Name,
            ["reporting_to"] = parent is null ? null : UserRepresentation.NameAndId(parent.Name, parent.Id),
        };
    }
}
