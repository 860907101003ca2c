using System.Text.Json.Nodes;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>A user as Get Users shapes it (role/profile/Reporting_To as {name,id} objects).</summary>
public static class UserRepresentation
{
    public static JsonObject ToJson(FixtureUser user, OrgFixture org)
    {
        var role = org.FindRole(user.RoleId);
        var profile = org.FindProfile(user.ProfileId);
        var manager = org.FindUser(user.ReportingTo);
        return new JsonObject
        {
            ["id"] = user.Id,
            ["email"] = user.Email,
            ["first_name"] = user.FirstName,
            ["last_name"] = user.LastName,
            ["full_name"] = user.FullName,
            ["status"] = user.Status,
            ["confirm"] = user.Confirmed,
            ["role"] = role is null ? null : NameAndId(role.Name, role.Id),
            ["profile"] = profile is null ? null : NameAndId(profile.Name, profile.Id),
            ["Reporting_To"] = manager is null ? null : NameAndId(manager.FullName, manager.Id),
            ["zuid"] = user.Zuid,
            ["type__s"] = "Regular User",
            ["status_reason__s"] = null,
        };
    }

    public static JsonObject NameAndId(string name, string id) => new() { ["name"] = name, ["id"] = id };
}
