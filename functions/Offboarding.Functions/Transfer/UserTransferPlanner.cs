using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>Resolves the Zoho users of a user offboarding and applies the guard rails (protected users never offboarded, a
/// usable target: named, else the first manager up the line who is not leaving, else the fallback). Reads only, so a dry run uses the same plan.</summary>
public sealed class UserTransferPlanner(ZohoCrmClient zoho, LeaverIndex leavers, IBatchLeavers batches, IOptions<TransferOptions> options) : IDisposable
{
    private readonly TransferOptions _options = options.Value;
    private readonly SemaphoreSlim _currentUserGate = new(1, 1);
    private string? _currentUserId;

    /// <summary>Finds the leaver; null when Zoho has no such user.</summary>
    public async Task<ZohoUser?> FindLeaverAsync(OffboardingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var employee = request.Employee ?? throw new PlanRefusedException(RefusalCodes.LeaverNotFound, "The request names no employee.");
        return await FindAsync(new UserReference { ZohoUserId = employee.ZohoUserId, Email = employee.WorkEmail }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<UserTransferPlan> PlanAsync(OffboardingRequest request, ZohoUser leaver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(leaver);
        if (IsProtected(leaver) || leaver.Id == await CurrentUserIdAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new PlanRefusedException(RefusalCodes.ProtectedUser, $"Zoho user {leaver.Id} is protected (super admin, the token's own user, or on the protected-users list) and is never offboarded.");
        }

        var (target, rule, reason) = await ChooseTargetAsync(request, leaver, cancellationToken).ConfigureAwait(false);

        var subordinatesTarget = target.Id;
        if (request.Subordinates is { IsEmpty: false } subordinates)
        {
            var user = await FindAsync(subordinates, cancellationToken).ConfigureAwait(false);
            if (Unusable(user, leaver) is { } why)
            {
                throw new PlanRefusedException(RefusalCodes.SubordinatesTargetNotUsable, $"The subordinates target {why}.");
            }

            subordinatesTarget = user!.Id;
        }

        return new UserTransferPlan(leaver, target.Id, rule, reason, subordinatesTarget);
    }

    private async Task<(ZohoUser Target, TargetRule Rule, string Reason)> ChooseTargetAsync(OffboardingRequest request, ZohoUser leaver, CancellationToken cancellationToken)
    {
        if (request.Transfer.To is { IsEmpty: false } explicitTarget)
        {
            // A named target that cannot be used is an error in the request: never silently replaced.
            var named = await FindAsync(explicitTarget, cancellationToken).ConfigureAwait(false);
            if (Unusable(named, leaver) is { } why)
            {
                throw new PlanRefusedException(RefusalCodes.TargetNotUsable, $"The requested transfer target {why}.");
            }

            return (named!, TargetRule.Explicit, "named in the request");
        }

        var (manager, rule, reason) = await WalkUpAsync(leaver, cancellationToken).ConfigureAwait(false);
        if (manager is not null)
        {
            return (manager, rule, reason);
        }

        var fallbackReason = reason;
        if (string.IsNullOrWhiteSpace(_options.FallbackUser))
        {
            throw new PlanRefusedException(RefusalCodes.NoTransferTarget, $"No transfer target: {fallbackReason}, and no fallback user is configured.");
        }

        var fallback = await FindAsync(Reference(_options.FallbackUser), cancellationToken).ConfigureAwait(false);
        if ((Unusable(fallback, leaver) ?? await LeavingAsync(fallback!, cancellationToken).ConfigureAwait(false)) is { } fallbackWhy)
        {
            throw new PlanRefusedException(RefusalCodes.NoTransferTarget, $"No transfer target: {fallbackReason}, and the fallback user {fallbackWhy}.");
        }

        return (fallback!, TargetRule.Fallback, $"fallback user, because {fallbackReason}");
    }

    /// <summary>The leaver's manager, or the first one up the reporting line who has no offboarding pending (the rule the batch
    /// plan applies: records never go to someone about to be deleted); else null and why the fallback is needed.</summary>
    private async Task<(ZohoUser? Manager, TargetRule Rule, string Reason)> WalkUpAsync(ZohoUser leaver, CancellationToken cancellationToken)
    {
        var passed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { leaver.Id };
        var managerId = leaver.ReportingToId;
        var why = "the leaver has no manager (Reporting_To) in Zoho";
        while (!string.IsNullOrEmpty(managerId) && seen.Add(managerId))
        {
            // From the client's cached listing, not a GET per offboarding (a credit each). A manager whose own
            // transfer-and-delete this client sent is read fresh until Zoho shows it ran; a change made elsewhere shows
            // within the listing's TTL, and until then Zoho refuses a transfer to an inactive or deleted target.
            var manager = await zoho.FindUserAsync(managerId, cancellationToken).ConfigureAwait(false);
            if (Unusable(manager, leaver) is { } unusable)
            {
                return (null, TargetRule.Fallback, passed.Count == 0
                    ? $"the leaver's manager {managerId} {unusable}"
                    : $"the managers up the line are leaving ({string.Join(" → ", passed)}) and the next one, {managerId}, {unusable}");
            }

            if (await LeavingAsync(manager!, cancellationToken).ConfigureAwait(false) is { } leaving)
            {
                passed.Add($"{manager!.Id} {leaving}");
                managerId = manager.ReportingToId;
                why = $"every manager up the line is leaving ({string.Join(" → ", passed)})";
                continue;
            }

            return passed.Count == 0
                ? (manager, TargetRule.Manager, $"the leaver's manager in Zoho (Reporting_To {manager!.Id})")
                : (manager, TargetRule.ManagerAbove, $"the first manager up the line who is not leaving ({manager!.Id}); leaving: {string.Join(" → ", passed)}");
        }

        return (null, TargetRule.Fallback, why);
    }

    /// <summary>Why <paramref name="user"/> counts as leaving (an offboarding of theirs is pending, or they wait in an approved
    /// layoff batch), or null.</summary>
    private async Task<string?> LeavingAsync(ZohoUser user, CancellationToken cancellationToken) =>
        await leavers.FindPendingAsync(user.Email, user.Id, cancellationToken).ConfigureAwait(false) is { } pending
            ? $"(offboarding {pending.Id}, {pending.State.ToWireName()})"
            : await batches.WaitingAsync(user.Email, cancellationToken).ConfigureAwait(false);

    /// <summary>The user the OAuth token acts as: Zoho lets only the super admin transfer-and-delete, so this is the super admin
    /// even when the users API does not flag it; asked once per process.</summary>
    private async Task<string?> CurrentUserIdAsync(CancellationToken cancellationToken)
    {
        if (_currentUserId is not null)
        {
            return _currentUserId;
        }

        await _currentUserGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_currentUserId is null)
            {
                await foreach (var user in zoho.GetUsersAsync("CurrentUser", cancellationToken).ConfigureAwait(false))
                {
                    _currentUserId = user.Id;
                    break;
                }
            }

            return _currentUserId;
        }
        finally
        {
            _currentUserGate.Release();
        }
    }

    private bool IsProtected(ZohoUser user) => UserGuardRails.IsProtected(user, _options.ProtectedUsers);

    private static string? Unusable(ZohoUser? user, ZohoUser leaver) => UserGuardRails.Unusable(user, leaver);

    private async Task<ZohoUser?> FindAsync(UserReference reference, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(reference.ZohoUserId))
        {
            return await zoho.GetUserAsync(reference.ZohoUserId, cancellationToken).ConfigureAwait(false);
        }

        return string.IsNullOrEmpty(reference.Email) ? null : await zoho.FindUserByEmailAsync(reference.Email, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _currentUserGate.Dispose();

    private static UserReference Reference(string idOrEmail) =>
        UserGuardRails.Reference(idOrEmail) is var (email, id) ? new UserReference { Email = email, ZohoUserId = id } : new UserReference();
}
