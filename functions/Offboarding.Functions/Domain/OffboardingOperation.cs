namespace Offboarding.Functions.Domain;

/// <summary>The three Zoho CRM transfer operations the pipeline carries.</summary>
public enum OffboardingOperation
{
    /// <summary>Transfer the leaver's records and delete the user; asynchronous in Zoho (job id, polled).</summary>
    UserTransferAndDelete,

    /// <summary>Delete a role and move its users to another role; synchronous in Zoho.</summary>
    RoleDeleteAndTransfer,

    /// <summary>Move portal users from one user type to another; synchronous in Zoho.</summary>
    PortalUserTypeTransfer,
}
