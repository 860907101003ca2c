using System.Globalization;
using Zoho.Crm.Sandbox.Fixtures;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>
/// The default sandbox org plus generated people for a load run: <c>count</c> leavers, each reporting to one of
/// a pool of managers (one per ten leavers) who stay, so every leaver's records have a manager to go to.
/// </summary>
public sealed class LeaverOrg
{
    private const string LeaverPrefix = "5725767100";
    private const string ManagerPrefix = "5725767200";

    // The default org's "Standard" profile (not an administrator, so never a protected super admin).
    private const string StandardProfileId = "5725767000000010502";

    private LeaverOrg(OrgFixture fixture, IReadOnlyList<Leaver> leavers)
    {
        Fixture = fixture;
        Leavers = leavers;
    }

    public OrgFixture Fixture { get; }

    public IReadOnlyList<Leaver> Leavers { get; }

    public static LeaverOrg Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var fixture = OrgFixtureSerializer.LoadDefault();
        var managers = Math.Max(1, count / 10);
        for (var m = 0; m < managers; m++)
        {
            fixture.Users.Add(User(Id(ManagerPrefix, m), $"manager{m:D6}@bench.example", "Manager", m, DefaultOrg.Roles.SalesManagerNa, DefaultOrg.Users.SuperAdminId));
        }

        var leavers = new List<Leaver>(count);
        for (var i = 0; i < count; i++)
        {
            var manager = Id(ManagerPrefix, i % managers);
            var leaver = User(Id(LeaverPrefix, i), $"leaver{i:D6}@bench.example", "Leaver", i, DefaultOrg.Roles.SalesRepNa, manager);
            leaver.Records = new Dictionary<string, int> { ["Leads"] = 1 + (i % 7), ["Deals"] = i % 3 };
            fixture.Users.Add(leaver);
            leavers.Add(new Leaver(leaver.Email, leaver.Id, manager));
        }

        return new LeaverOrg(fixture, leavers);
    }

    private static string Id(string prefix, int index) => prefix + index.ToString("D9", CultureInfo.InvariantCulture);

    private static FixtureUser User(string id, string email, string firstName, int index, string roleId, string reportingTo) => new()
    {
        Id = id,
        Email = email,
        FirstName = firstName,
        LastName = index.ToString("D6", CultureInfo.InvariantCulture),
        Status = UserStatus.Active,
        RoleId = roleId,
        ProfileId = StandardProfileId,
        ReportingTo = reportingTo,
        Zuid = "9" + id[^9..],
    };
}
