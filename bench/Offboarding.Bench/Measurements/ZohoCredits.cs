using Zoho.Crm.Sandbox.Api;

namespace Offboarding.Bench.Measurements;

/// <summary>
/// Zoho CRM API credits per call, by the sandbox's endpoint name. Zoho lists no cost for the users,
/// transfer-and-delete, roles or portal APIs; most calls cost 1 (zoho-facts §8.1, UNCONFIRMED), so 1 each until
/// Zoho says otherwise. The OAuth token calls go to the accounts server, not the CRM API: no CRM credits.
/// Correct a figure here and every credit row follows.
/// </summary>
public static class ZohoCredits
{
    public static readonly IReadOnlyDictionary<string, int> PerCall = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [ZohoRoutes.Token] = 0,
        [ZohoRoutes.TokenRevoke] = 0,
        [ZohoRoutes.UsersList] = 1,
        [ZohoRoutes.UsersGet] = 1,
        [ZohoRoutes.TransferAndDelete] = 1,
        [ZohoRoutes.TransferAndDeleteStatus] = 1,
        [ZohoRoutes.RolesList] = 1,
        [ZohoRoutes.RolesGet] = 1,
        [ZohoRoutes.RolesDelete] = 1,
        [ZohoRoutes.PortalUserTypeTransfer] = 1,
    };

    /// <summary>An endpoint missing from the table is charged like most Zoho calls, so a new one is never free by omission.</summary>
    public const int Unlisted = 1;

    /// <summary>The smallest 24 h credit budget of an Enterprise org (zoho-facts §8.1): 50,000 plus 1,000 per user, at most 5,000,000.</summary>
    public static long EnterpriseDailyBudget(int users) => Math.Min(50_000 + (1_000L * users), 5_000_000);

    public static int Of(string endpoint) => PerCall.TryGetValue(endpoint, out var credits) ? credits : Unlisted;
}
