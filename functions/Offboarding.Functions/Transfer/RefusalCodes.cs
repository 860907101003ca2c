namespace Offboarding.Functions.Transfer;

/// <summary>The failure codes the pipeline itself gives (Zoho's own codes are kept as Zoho sent them).</summary>
public static class RefusalCodes
{
    public const string ProtectedUser = "PROTECTED_USER";
    public const string LeaverNotFound = "LEAVER_NOT_FOUND";
    public const string TargetNotUsable = "TARGET_NOT_USABLE";
    public const string NoTransferTarget = "NO_TRANSFER_TARGET";
    public const string SubordinatesTargetNotUsable = "SUBORDINATES_TARGET_NOT_USABLE";
    public const string RetriesExhausted = "RETRIES_EXHAUSTED";
    public const string ZohoJobFailed = "ZOHO_JOB_FAILED";
    public const string PortalTransferIncomplete = "PORTAL_TRANSFER_INCOMPLETE";
}
