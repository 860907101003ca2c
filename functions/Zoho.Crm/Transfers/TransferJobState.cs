namespace Zoho.Crm;

/// <summary>Where a transfer-and-delete job is.</summary>
public enum TransferJobState
{
    /// <summary>A status this client does not know; see <see cref="TransferJobStatus.RawStatus"/>.</summary>
    Unknown,

    /// <summary><c>scheduled</c> (v8): accepted, not started.</summary>
    Scheduled,

    /// <summary><c>in_progress</c>.</summary>
    InProgress,

    /// <summary><c>completed</c>: the user is deleted and their work moved.</summary>
    Completed,

    /// <summary><c>failed</c>; <see cref="TransferJobStatus.Reason"/> may say why (not always present).</summary>
    Failed,
}
