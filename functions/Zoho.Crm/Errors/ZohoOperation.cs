namespace Zoho.Crm;

/// <summary>The Zoho calls this client makes; used in logs, errors and classification.</summary>
public enum ZohoOperation
{
    /// <summary>Not tied to one operation (only the parameterless exception constructors use it).</summary>
    Unspecified,

    /// <summary>Refresh-token grant at the accounts server.</summary>
    RefreshAccessToken,

    /// <summary>GET /users (one page).</summary>
    GetUsers,

    /// <summary>GET /users/{id}.</summary>
    GetUser,

    /// <summary>POST /users[/{id}]/actions/transfer_and_delete (irreversible).</summary>
    TransferAndDeleteUser,

    /// <summary>GET /users/actions/transfer_and_delete?job_id=.</summary>
    GetTransferAndDeleteStatus,

    /// <summary>DELETE /settings/roles/{id}?transfer_to_id=.</summary>
    DeleteRole,

    /// <summary>POST /settings/portals/{portal}/user_type/{id}/users/action/transfer.</summary>
    TransferPortalUsers,
}
