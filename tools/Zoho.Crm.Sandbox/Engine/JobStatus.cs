namespace Zoho.Crm.Sandbox.Engine;

/// <summary>The status values the transfer_and_delete status API answers.</summary>
public static class JobStatus
{
    public const string Scheduled = "scheduled";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
