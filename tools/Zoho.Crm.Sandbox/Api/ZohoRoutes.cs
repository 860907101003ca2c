using Zoho.Crm.Sandbox.Engine;
using Zoho.Crm.Sandbox.OAuth;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>The table of emulated endpoints, with the names the call log uses.</summary>
public static class ZohoRoutes
{
    public const string Token = "token";
    public const string TokenRevoke = "token.revoke";
    public const string UsersList = "users.list";
    public const string UsersGet = "users.get";
    public const string TransferAndDelete = "transfer_and_delete";
    public const string TransferAndDeleteStatus = "transfer_and_delete.status";
    public const string RolesList = "roles.list";
    public const string RolesGet = "roles.get";
    public const string RolesDelete = "roles.delete";
    public const string PortalUserTypeTransfer = "portal.user_type.transfer";

    private const string UsersRead = "ZohoCRM.users.READ";

    public static ZohoRouter Build(SandboxState state)
    {
        var tokens = new TokenHandler(state);
        var users = new UsersHandler(state);
        var transfers = new TransferAndDeleteHandler(state);
        var roles = new RolesHandler(state);
        var portals = new PortalTransferHandler(state);
        return new ZohoRouter(
        [
            Accounts(Token, "oauth/v2/token", tokens.Token),
            Accounts(TokenRevoke, "oauth/v2/token/revoke", tokens.Revoke),
            Crm(UsersList, "GET", "users", [UsersRead], users.List),
            Crm(TransferAndDeleteStatus, "GET", "users/actions/transfer_and_delete", [UsersRead, "ZohoCRM.users.DELETE"], transfers.Status),
            Crm(TransferAndDelete, "POST", "users/actions/transfer_and_delete", ["ZohoCRM.users.DELETE", "ZohoCRM.users.UPDATE"], transfers.Schedule),
            Crm(TransferAndDelete, "POST", "users/{id}/actions/transfer_and_delete", ["ZohoCRM.users.DELETE", "ZohoCRM.users.UPDATE"], transfers.Schedule),
            Crm(UsersGet, "GET", "users/{id}", [UsersRead], users.Get),
            Crm(RolesList, "GET", "settings/roles", ["ZohoCRM.settings.roles.READ"], roles.List),
            Crm(RolesGet, "GET", "settings/roles/{id}", ["ZohoCRM.settings.roles.READ"], roles.Get),
            Crm(RolesDelete, "DELETE", "settings/roles/{id}", ["ZohoCRM.settings.roles.DELETE"], roles.Delete),
            // Older doc samples use PUT, the v5–v8 pages POST: both are served.
            new ZohoRoute(PortalUserTypeTransfer, ["POST", "PUT"],
                new RoutePattern("crm/{version}/settings/portals/{portal}/user_type/{userType}/users/action/transfer"),
                ["ZohoCRM.settings.clientportal.UPDATE"], true, portals.Transfer),
        ]);
    }

    private static ZohoRoute Accounts(string name, string path, Func<ApiCall, ZohoResult> handle) =>
        new(name, ["POST"], new RoutePattern(path), [], false, handle);

    private static ZohoRoute Crm(string name, string method, string path, IReadOnlyList<string> scopes, Func<ApiCall, ZohoResult> handle) =>
        new(name, [method], new RoutePattern("crm/{version}/" + path), scopes, true, handle);
}
