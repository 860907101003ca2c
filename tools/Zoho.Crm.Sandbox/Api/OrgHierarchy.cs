using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>Walks the two hierarchies: users by Reporting_To and roles by their parent role.</summary>
public static class OrgHierarchy
{
    /// <summary>True when <paramref name="candidateId"/> reports, directly or not, to <paramref name="managerId"/>.</summary>
    public static bool ReportsTo(OrgFixture org, string candidateId, string managerId) =>
        Ancestors(candidateId, id => org.FindUser(id)?.ReportingTo).Contains(managerId);

    /// <summary>True when <paramref name="roleId"/> sits anywhere below <paramref name="ancestorRoleId"/>.</summary>
    public static bool RoleIsBelow(OrgFixture org, string roleId, string ancestorRoleId) =>
        Ancestors(roleId, id => org.FindRole(id)?.ReportingTo).Contains(ancestorRoleId);

    public static IReadOnlyList<string> RoleAncestors(OrgFixture org, string roleId) =>
        Ancestors(roleId, id => org.FindRole(id)?.ReportingTo);

    // The visited set guards against cycles a hand-written fixture might contain.
    private static List<string> Ancestors(string start, Func<string, string?> parentOf)
    {
        var seen = new List<string>();
        for (var current = parentOf(start); current is not null && !seen.Contains(current); current = parentOf(current))
        {
            seen.Add(current);
        }

        return seen;
    }
}
