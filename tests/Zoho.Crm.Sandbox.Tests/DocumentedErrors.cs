using Zoho.Crm.Sandbox.Control;
using static Zoho.Crm.Sandbox.Fixtures.DefaultOrg;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>
/// Every row of every "Possible Errors" list in shared/seeds, plus the errors zoho-facts.md and issue 3 add
/// (marked "facts"/"issue"). Keyed by a readable name so each row is its own test case.
/// </summary>
public static class DocumentedErrors
{
    private const string Transfer = "crm/v7/users/actions/transfer_and_delete";
    private const string TransferPage = "transfer records and delete user";
    private const string StatusPage = "transfer and delete status";
    private const string RolePage = "transfer users and delete role";
    private const string PortalPage = "transfer users of a user type";
    private const string Facts = "facts/issue";
    private const string UnknownUserId = "5725767000000099999";
    private const string Portal = "crm/v7/settings/portals/" + Fixtures.DefaultOrg.Portal.Name;

    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    public static IReadOnlyDictionary<string, ErrorCase> All { get; } = Build();

    private static string Body(string item) => $$"""{"transfer_and_delete":[{{item}}]}""";

    private static string Item(string userId, string transferTo, string? moveTo = null) =>
        $$$"""{"id":"{{{userId}}}","transfer":{"id":"{{{transferTo}}}","records":true,"assignment":true,"criteria":true},"move_subordinate":{"id":"{{{moveTo ?? transferTo}}}"}}""";

    private static string ItemWithoutId(string transferTo) =>
        $$$"""{"transfer":{"id":"{{{transferTo}}}","records":true,"assignment":true,"criteria":true}}""";

    private static string RoleDelete(string roleId, string? query) => $"crm/v7/settings/roles/{roleId}" + (query is null ? "" : "?" + query);

    private static string PortalTransfer(string fromType, string? query) => $"{Portal}/user_type/{fromType}/users/action/transfer" + (query is null ? "" : "?" + query);

    private static Dictionary<string, ErrorCase> Build()
    {
        var leaver = Users.LeaverId;
        var manager = Users.ManagerId;
        var cases = new List<ErrorCase>
        {
            // --- Transfer records and delete user: the seed's twelve rows (some rows name two triggers: both covered).
            new(TransferPage, "user id missing from URL and body", Post, Transfer, 400, "MANDATORY_NOT_FOUND") { Body = Body(ItemWithoutId(manager)), Detail = ("api_name", "id"), Wrapped = true },
            new(TransferPage, "neither transfer nor move_subordinate", Post, Transfer, 400, "EXPECTED_FIELD_MISSING") { Body = Body($$"""{"id":"{{leaver}}"}"""), Wrapped = true },
            new(TransferPage, "incorrect user id in the URL", Post, $"crm/v7/users/{UnknownUserId}/actions/transfer_and_delete", 400, "INVALID_DATA") { Body = Body(ItemWithoutId(manager)), Detail = ("resource_path_index", "1"), Wrapped = false },
            new(TransferPage, "incorrect user id in the body", Post, Transfer, 400, "INVALID_DATA") { Body = Body(Item(UnknownUserId, manager)), Detail = ("api_name", "id"), Wrapped = true },
            new(TransferPage, "URL id and body id differ", Post, $"crm/v7/users/{leaver}/actions/transfer_and_delete", 400, "INVALID_DATA") { Body = Body(Item(Users.LeaverWithoutManagerId, manager)), Wrapped = true },
            new(TransferPage, "user to delete is not a CRM user", Post, Transfer, 400, "INVALID_DATA") { Body = Body(Item(Users.NonCrmId, manager)), Detail = ("owner_status", "not_crm_user"), Wrapped = true },
            new(TransferPage, "transfer target is not a CRM user", Post, Transfer, 400, "INVALID_DATA") { Body = Body(Item(leaver, Users.NonCrmId, manager)), Detail = ("owner_status", "not_crm_user"), Wrapped = true },
            new(TransferPage, "user to delete is already deleted", Post, Transfer, 400, "INVALID_DATA") { Body = Body(Item(Users.DeletedId, manager)), Detail = ("owner_status", "deleted"), Wrapped = true },
            new(TransferPage, "user in the URL is already deleted", Post, $"crm/v7/users/{Users.DeletedId}/actions/transfer_and_delete", 400, "INVALID_DATA") { Body = Body(ItemWithoutId(manager)), Detail = ("owner_status", "deleted"), Wrapped = false },
            new(TransferPage, "transfer target is already deleted", Post, Transfer, 400, "INVALID_DATA") { Body = Body(Item(leaver, Users.DeletedId, manager)), Detail = ("owner_status", "deleted"), Wrapped = true },
            new(TransferPage, "transfer target id is invalid", Post, Transfer, 400, "INVALID_DATA") { Body = Body(Item(leaver, UnknownUserId, manager)), Detail = ("json_path", "$.transfer_and_delete.transfer.id"), Wrapped = true },
            new(TransferPage, "subordinates target is inactive", Post, Transfer, 400, "INVALID_DATA") { Body = Body(Item(leaver, manager, Users.InactiveId)), Detail = ("owner_status", "inactive"), Wrapped = true },
            new(TransferPage, "id in URL and more than one body object", Post, $"crm/v7/users/{leaver}/actions/transfer_and_delete", 400, "INVALID_DATA") { Body = Body(ItemWithoutId(manager) + "," + ItemWithoutId(manager)), Detail = ("maximum_length", "1"), Wrapped = false },
            new(TransferPage, "more than one user", Post, Transfer, 400, "INVALID_DATA") { Body = Body(Item(leaver, manager) + "," + Item(Users.LeaverWithoutManagerId, manager)), Detail = ("maximum_length", "1"), Wrapped = false },
            new(TransferPage, "subordinates target is a subordinate user", Post, Transfer, 400, "NOT_ALLOWED") { Body = Body(Item(leaver, manager, Users.LeaverSubordinateId)), Wrapped = true },
            new(TransferPage, "user to delete is the super admin", Post, Transfer, 400, "NOT_ALLOWED") { Body = Body(Item(Users.SuperAdminId, manager)), Wrapped = true },
            new(TransferPage, "caller is not the super admin", Post, Transfer, 403, "NO_PERMISSION") { RefreshToken = StandardUserRefreshToken, Body = Body(Item(leaver, manager)), Wrapped = false },
            new(Facts, "too many scheduled transfer jobs", Post, Transfer, 400, "CONCURRENT_JOB_LIMIT_EXCEEDED") { Body = Body(Item(leaver, manager)), Detail = ("limit", "0"), Arrange = s => s with { ConcurrentJobLimit = 0 } },
            new(Facts, "transfer with a read-only token", Post, Transfer, 401, "OAUTH_SCOPE_MISMATCH") { RefreshToken = ReadOnlyRefreshToken, Body = Body(Item(leaver, manager)) },

            // --- Status of transfer records and delete users.
            new(StatusPage, "job_id parameter missing", HttpMethod.Get, Transfer, 400, "REQUIRED_PARAM_MISSING") { Detail = ("param_name", "job_id") },

            // --- Transfer users and delete role: the seed's eight rows.
            new(RolePage, "client lacks the roles DELETE scope", Delete, RoleDelete(Roles.SalesInternsEmea, $"transfer_to_id={Roles.SalesRepEmea}"), 401, "OAUTH_SCOPE_MISMATCH") { RefreshToken = ReadOnlyRefreshToken },
            new(RolePage, "user lacks permission to delete roles", Delete, RoleDelete(Roles.SalesInternsEmea, $"transfer_to_id={Roles.SalesRepEmea}"), 403, "NO_PERMISSION") { RefreshToken = StandardUserRefreshToken },
            new(RolePage, "unexpected server exception", Delete, RoleDelete(Roles.SalesInternsEmea, $"transfer_to_id={Roles.SalesRepEmea}"), 500, "INTERNAL_ERROR")
            {
                Arrange = s => s with { ScriptedFaults = [FaultKind.InternalError], FaultEndpoints = ["roles.delete"] },
            },
            new(RolePage, "invalid HTTP method", HttpMethod.Put, RoleDelete(Roles.SalesInternsEmea, $"transfer_to_id={Roles.SalesRepEmea}"), 400, "INVALID_REQUEST_METHOD"),
            new(RolePage, "insufficient privilege for this role", Delete, RoleDelete(Roles.SupportAgent, $"transfer_to_id={Roles.VpSupport}"), 401, "AUTHORIZATION_FAILED") { RefreshToken = SalesManagerRefreshToken },
            new(RolePage, "role id in the URL is invalid", Delete, RoleDelete("5725767000000019999", $"transfer_to_id={Roles.SalesRepEmea}"), 400, "INVALID_DATA") { Detail = ("resource_path_index", "2") },
            new(RolePage, "transfer_to_id missing", Delete, RoleDelete(Roles.SalesInternsEmea, null), 400, "REQUIRED_PARAM_MISSING") { Detail = ("param_name", "transfer_to_id") },
            new(RolePage, "transfer_to_id in the wrong format", Delete, RoleDelete(Roles.SalesInternsEmea, "transfer_to_id=not-a-number"), 400, "UNABLE_TO_PARSE_DATA_TYPE"),
            new(Facts, "role target is the same role", Delete, RoleDelete(Roles.SalesInternsEmea, $"transfer_to_id={Roles.SalesInternsEmea}"), 400, "INVALID_DATA") { Detail = ("role_status", "same_role") },
            new(Facts, "role target is a subordinate role", Delete, RoleDelete(Roles.SalesManagerEmea, $"transfer_to_id={Roles.SalesInternsEmea}"), 400, "INVALID_DATA") { Detail = ("role_status", "subordinate") },
            new(Facts, "role target does not exist", Delete, RoleDelete(Roles.SalesInternsEmea, "transfer_to_id=5725767000000019999"), 400, "INVALID_DATA") { Detail = ("role_status", "invalid") },

            // --- Transfer users of a user type: the seed's five rows.
            new(PortalPage, "personality id not of this user type", Post, PortalTransfer(Portal_.Customers, $"transfer_To={Portal_.Partners}&personality_ids={Portal_.PartnerUser}"), 400, "INVALID_DATA") { Detail = ("personality_id", Portal_.PartnerUser), Wrapped = true },
            new(PortalPage, "source user type is invalid", Post, PortalTransfer("5725767000000039999", $"transfer_To={Portal_.Partners}&personality_ids={Portal_.CustomerUser}"), 400, "INVALID_DATA"),
            new(PortalPage, "target is not a custom user type", Post, PortalTransfer(Portal_.Partners, $"transfer_To={Portal_.Customers}&personality_ids={Portal_.PartnerUser}"), 400, "INVALID_DATA") { Detail = ("param_name", "transfer_To") },
            new(PortalPage, "transfer_To missing", Post, PortalTransfer(Portal_.Customers, $"personality_ids={Portal_.CustomerUser}"), 400, "REQUIRED_PARAM_MISSING") { Detail = ("param_name", "transfer_To") },
            new(PortalPage, "personality_ids missing", Post, PortalTransfer(Portal_.Customers, $"transfer_To={Portal_.Partners}"), 400, "REQUIRED_PARAM_MISSING") { Detail = ("param_name", "personality_ids") },
            new(PortalPage, "portal licence limit exceeded", Post, PortalTransfer(Portal_.Customers, $"transfer_To={Portal_.Resellers}&personality_ids={Portal_.CustomerUser}"), 403, "LICENSE_LIMIT_EXCEEDED"),
            new(PortalPage, "Client Portal User permission disabled", Post, PortalTransfer(Portal_.Customers, $"transfer_To={Portal_.Partners}&personality_ids={Portal_.CustomerUser}"), 403, "NO_PERMISSION") { RefreshToken = StandardUserRefreshToken },

            // --- Authorization and URLs on every CRM call (issue 3, zoho-facts §9).
            new(Facts, "no Authorization header", HttpMethod.Get, "crm/v7/users", 401, "INVALID_TOKEN") { RefreshToken = null },
            new(Facts, "unknown access token", HttpMethod.Get, "crm/v7/users", 401, "INVALID_TOKEN") { RawToken = "1000.0000.0000" },
            new(Facts, "unknown path", HttpMethod.Get, "crm/v7/no_such_thing", 404, "INVALID_URL_PATTERN"),
            new(Facts, "API version outside v2-v8", HttpMethod.Get, "crm/v9/users", 404, "INVALID_URL_PATTERN"),
            new(Facts, "wrong method on the transfer path", Delete, Transfer, 400, "INVALID_REQUEST_METHOD"),
            new(Facts, "daily API credits exhausted", HttpMethod.Get, "crm/v7/users", 429, "TOO_MANY_REQUESTS") { Arrange = s => s with { DailyCredits = 0 } },
            new(Facts, "injected 429", HttpMethod.Get, "crm/v7/users", 429, "TOO_MANY_REQUESTS") { Arrange = s => s with { TooManyRequestsRate = 1 } },
        };
        return cases.ToDictionary(c => c.ToString(), StringComparer.Ordinal);
    }

    /// <summary>Portal ids used by the rows (short names keep the table readable).</summary>
    private static class Portal_
    {
        public const string Customers = Fixtures.DefaultOrg.Portal.CustomersTypeId;
        public const string Partners = Fixtures.DefaultOrg.Portal.PartnersTypeId;
        public const string Resellers = Fixtures.DefaultOrg.Portal.ResellersTypeId;
        public const string CustomerUser = "5725767000000040001";
        public const string PartnerUser = "5725767000000040005";
    }
}
