using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;
using Zoho.Crm;

namespace Offboarding.Functions.Batches;

/// <summary>A dry run of every person of a batch against one read of the org: who is found and why not, and who receives
/// their records. A manager leaving in the same batch (or with an offboarding pending) is never a target: the plan walks up.</summary>
public sealed class BatchPlanner(ZohoCrmClient zoho, OffboardingStore offboardings, BatchStore batches, IOptions<TransferOptions> options)
{
    private readonly TransferOptions _options = options.Value;

    public async Task<(IReadOnlyList<BatchMember> Members, int OrgUsers)> PlanAsync(string batchId, IReadOnlyList<BatchRowRequest> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var org = await OrgDirectory.ReadAsync(zoho, cancellationToken).ConfigureAwait(false);
        var existing = await ExistingAsync(cancellationToken).ConfigureAwait(false);
        var inOtherBatches = await batches.IndexedAsync(cancellationToken).ConfigureAwait(false);

        var members = rows.Select(r => NewMember(batchId, r)).ToList();
        var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var leavers = new Dictionary<int, ZohoUser>();
        foreach (var member in members)
        {
            if (FindLeaver(member, org, existing, inOtherBatches, firstLine) is { } leaver)
            {
                leavers[member.Line] = leaver;
            }
        }

        // Everyone leaving: this batch's ready people and anyone with an offboarding pending elsewhere.
        var leaving = new HashSet<string>(leavers.Values.Select(u => u.Id), StringComparer.Ordinal);
        foreach (var (email, state) in existing)
        {
            if (state.IsPending && org.ByEmail(email) is { } pending)
            {
                leaving.Add(pending.Id);
            }
        }

        foreach (var member in members.Where(m => leavers.ContainsKey(m.Line)))
        {
            ChooseTarget(member, leavers[member.Line], org, leaving);
        }

        return (members, org.Count);
    }

    private static BatchMember NewMember(string batchId, BatchRowRequest row) => new()
    {
        Line = row.Row.Line,
        WorkEmail = row.Request.Employee?.WorkEmail,
        HrisId = row.Request.Employee?.HrisId,
        Name = row.Request.Employee?.Name,
        EffectiveAt = row.Request.EffectiveAt,
        TransferTo = row.Request.Transfer.To is { IsEmpty: false } to ? to.ZohoUserId ?? to.Email : null,
        OffboardingId = OffboardingId.From(BatchUploadReader.Source, BatchUploadReader.MemberEventId(batchId, row.Row.Line)),
        Status = MemberStatus.Waiting,
    };

    private ZohoUser? FindLeaver(BatchMember member, OrgDirectory org, IReadOnlyDictionary<string, Existing> existing,
        IReadOnlyDictionary<string, string> inOtherBatches, Dictionary<string, int> firstLine)
    {
        var email = member.WorkEmail!;
        if (!firstLine.TryAdd(email, member.Line))
        {
            return Skip(member, MemberPlan.Duplicate, $"In the batch twice: also on line {firstLine[email]}; only that one runs.");
        }

        var user = org.ByEmail(email);
        if (user is null)
        {
            return Skip(member, MemberPlan.NotFound, "No Zoho user has this email (Zoho does not list deleted users: one deleted already reads so too).");
        }

        member.LeaverZohoId = user.Id;
        if (!user.IsActive)
        {
            return Skip(member, user.Status == ZohoUserStatus.Deleted ? MemberPlan.AlreadyOffboarded : MemberPlan.Inactive,
                $"The Zoho user {user.Id} is {user.RawStatus ?? user.Status.ToString()} already.");
        }

        if (UserGuardRails.IsProtected(user, _options.ProtectedUsers) || user.Id == org.CurrentUserId)
        {
            return Skip(member, MemberPlan.Protected, $"Zoho user {user.Id} is protected (super admin, the token's own user, or on Transfer__ProtectedUsers) and is never offboarded.");
        }

        if (existing.TryGetValue(email, out var earlier))
        {
            return earlier.State == OffboardingState.Completed
                ? Skip(member, MemberPlan.AlreadyOffboarded, $"Offboarded already (offboarding {earlier.Id}).")
                : earlier.IsPending
                    ? Skip(member, MemberPlan.InFlight, $"An offboarding is in flight for them already (offboarding {earlier.Id}, {earlier.State.ToWireName()}).")
                    : user;
        }

        return inOtherBatches.TryGetValue(BatchStore.EmailKey(email), out var other)
            ? Skip(member, MemberPlan.InFlight, $"In another batch still running ({other}).")
            : user;
    }

    private void ChooseTarget(BatchMember member, ZohoUser leaver, OrgDirectory org, HashSet<string> leaving)
    {
        if (member.TransferTo is { } named)
        {
            var target = org.Find(named);
            var why = UserGuardRails.Unusable(target, leaver) ?? (leaving.Contains(target!.Id) ? $"({target.Id}) is leaving too" : null);
            if (why is not null)
            {
                Skip(member, MemberPlan.NoTarget, $"The named transfer target {why}.");
                return;
            }

            Ready(member, target!, BatchTargetRule.Explicit, "named in the row", namesTarget: true);
            return;
        }

        var passed = new List<string>();
        var managerId = leaver.ReportingToId;
        var seen = new HashSet<string>(StringComparer.Ordinal) { leaver.Id };
        string fallbackReason = "the person has no manager (Reporting_To) in Zoho";
        while (managerId is not null && seen.Add(managerId))
        {
            var manager = org.ById(managerId);
            if (manager is not null && leaving.Contains(manager.Id))
            {
                passed.Add(manager.Id);
                managerId = manager.ReportingToId;
                fallbackReason = $"every manager up the line is leaving ({string.Join(" → ", passed)})";
                continue;
            }

            if (UserGuardRails.Unusable(manager, leaver) is { } why)
            {
                fallbackReason = $"the manager {managerId} {why}";
                break;
            }

            if (passed.Count == 0)
            {
                Ready(member, manager!, BatchTargetRule.Manager, $"the manager in Zoho (Reporting_To {manager!.Id})", namesTarget: false);
            }
            else
            {
                Ready(member, manager!, BatchTargetRule.ManagerAbove, $"the first manager up the line who stays ({manager!.Id}); leaving: {string.Join(" → ", passed)}", namesTarget: true);
            }

            return;
        }

        var fallback = string.IsNullOrWhiteSpace(_options.FallbackUser) ? null : org.Find(_options.FallbackUser);
        var fallbackWhy = string.IsNullOrWhiteSpace(_options.FallbackUser) ? "is not configured"
            : UserGuardRails.Unusable(fallback, leaver) ?? (leaving.Contains(fallback!.Id) ? "is leaving too" : null);
        if (fallbackWhy is not null)
        {
            Skip(member, MemberPlan.NoTarget, $"No transfer target: {fallbackReason}, and the fallback user {fallbackWhy}.");
            return;
        }

        Ready(member, fallback!, BatchTargetRule.Fallback, $"the fallback user, because {fallbackReason}", namesTarget: passed.Count > 0);
    }

    private static void Ready(BatchMember member, ZohoUser target, BatchTargetRule rule, string reason, bool namesTarget)
    {
        member.Plan = MemberPlan.Ready;
        member.TargetZohoId = target.Id;
        member.TargetEmail = target.Email;
        member.TargetRule = rule;
        member.TargetReason = reason;
        member.NamesTarget = namesTarget;
        member.PlanDetail = $"Zoho user {member.LeaverZohoId}; records to {target.Id} ({reason}).";
    }

    private static ZohoUser? Skip(BatchMember member, MemberPlan plan, string detail)
    {
        member.Plan = plan;
        member.PlanDetail = detail;
        member.Status = MemberStatus.Skipped;
        return null;
    }

    /// <summary>The latest offboarding per email (pending ones first): one read of two columns of the offboardings table.</summary>
    private async Task<IReadOnlyDictionary<string, Existing>> ExistingAsync(CancellationToken cancellationToken)
    {
        var byEmail = new Dictionary<string, Existing>(StringComparer.OrdinalIgnoreCase);
        await foreach (var (id, email, state) in offboardings.LeaverStatesAsync(cancellationToken).ConfigureAwait(false))
        {
            var found = new Existing(id, state);
            if (email is not null && (!byEmail.TryGetValue(email, out var seen) || found.Weight > seen.Weight))
            {
                byEmail[email] = found;
            }
        }

        return byEmail;
    }

    private readonly record struct Existing(string Id, OffboardingState State)
    {
        public bool IsPending => !State.IsTerminal();

        // What a person's history says most strongly: in flight, else offboarded, else nothing that matters.
        public int Weight => IsPending ? 2 : State == OffboardingState.Completed ? 1 : 0;
    }
}
