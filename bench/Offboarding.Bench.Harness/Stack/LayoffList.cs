using System.Globalization;
using System.Text;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>A layoff of a <see cref="LeaverOrg"/> as an HRIS export gives it (a CSV with a header row): every leaver, then the
/// first <c>leavingManagers</c> of their managers, so the plan walks those managers' reports up the line.</summary>
public sealed record LayoffList(string Csv, int Rows, IReadOnlySet<string> LeavingManagerIds)
{
    public static LayoffList Of(LeaverOrg org, int leavingManagers)
    {
        ArgumentNullException.ThrowIfNull(org);
        var csv = new StringBuilder("workEmail,hrisId\n");
        foreach (var (leaver, i) in org.Leavers.Select((l, i) => (l, i)))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{leaver.Email},L-{i}\n");
        }

        var managers = org.Leavers.Select(l => l.ManagerId).Distinct().Take(leavingManagers).ToHashSet(StringComparer.Ordinal);
        foreach (var manager in managers)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{org.Fixture.FindUser(manager)!.Email},M-{manager}\n");
        }

        return new LayoffList(csv.ToString(), org.Leavers.Count + managers.Count, managers);
    }

    /// <summary>How many rows the plan must give a target above their leaving manager.</summary>
    public int WalkedUp(LeaverOrg org) => (org ?? throw new ArgumentNullException(nameof(org))).Leavers.Count(l => LeavingManagerIds.Contains(l.ManagerId));
}
