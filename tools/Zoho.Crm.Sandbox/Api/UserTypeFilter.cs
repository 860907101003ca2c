using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>
/// The Get Users <c>type</c> values. AllUsers lists every CRM user that is not deleted; DeletedUsers lists
/// the deleted ones. The role-based types need <c>role_id</c>.
/// </summary>
public static class UserTypeFilter
{
    public const string Default = "AllUsers";

    private static readonly Dictionary<string, Func<FixtureUser, Context, bool>> Filters = new(StringComparer.Ordinal)
    {
        ["AllUsers"] = (u, _) => !u.IsDeleted,
        ["ActiveUsers"] = (u, _) => u.IsActive,
        ["AllActiveUsers"] = (u, _) => u.IsActive,
        ["DeactiveUsers"] = (u, _) => u.Status == UserStatus.Inactive,
        ["ActiveAndDeactive"] = (u, _) => !u.IsDeleted,
        ["DeletedUsers"] = (u, _) => u.IsDeleted,
        ["ConfirmedUsers"] = (u, _) => !u.IsDeleted && u.Confirmed,
        ["NotConfirmedUsers"] = (u, _) => !u.IsDeleted && !u.Confirmed,
        ["ActiveConfirmedUsers"] = (u, _) => u.IsActive && u.Confirmed,
        ["AdminUsers"] = (u, c) => !u.IsDeleted && c.IsAdmin(u),
        ["ActiveConfirmedAdmins"] = (u, c) => u.IsActive && u.Confirmed && c.IsAdmin(u),
        ["CurrentUser"] = (u, c) => u.Id == c.CallerId,
        ["DeveloperUsers"] = (_, _) => false,
        ["ActiveLiteUser"] = (_, _) => false,
        ["ConfirmedReportingUsers"] = (u, c) => !u.IsDeleted && u.Confirmed && OrgHierarchy.ReportsTo(c.Org, u.Id, c.CallerId),
        ["ChildRoleUsers"] = (u, c) => !u.IsDeleted && c.Org.FindRole(u.RoleId)?.ReportingTo == c.RoleId,
        ["SubordinateRoleUsers"] = (u, c) => !u.IsDeleted && OrgHierarchy.RoleIsBelow(c.Org, u.RoleId, c.RoleId!),
        ["ParentRoleUsers"] = (u, c) => !u.IsDeleted && OrgHierarchy.RoleAncestors(c.Org, c.RoleId!).Contains(u.RoleId),
    };

    private static readonly HashSet<string> NeedRole = ["ChildRoleUsers", "SubordinateRoleUsers", "ParentRoleUsers"];

    public static bool IsKnown(string type) => Filters.ContainsKey(type);

    public static bool NeedsRole(string type) => NeedRole.Contains(type);

    public static IEnumerable<FixtureUser> Apply(string type, OrgFixture org, string callerId, string? roleId)
    {
        var filter = Filters[type];
        var context = new Context(org, callerId, roleId);
        return org.Users.Where(u => u.CrmUser && filter(u, context));
    }

    private sealed record Context(OrgFixture Org, string CallerId, string? RoleId)
    {
        public bool IsAdmin(FixtureUser user) => user.SuperAdmin || Org.FindProfile(user.ProfileId)?.Name == "Administrator";
    }
}
