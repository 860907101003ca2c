namespace Zoho.Crm;

/// <summary>The status of a transfer-and-delete job.</summary>
/// <param name="State">The typed state.</param>
/// <param name="RawStatus">The <c>status</c> exactly as Zoho sent it (kept for unknown values).</param>
/// <param name="Reason">Zoho's <c>reason</c> for a failed job, when given.</param>
public sealed record TransferJobStatus(TransferJobState State, string RawStatus, string? Reason = null)
{
    /// <summary>Completed or failed: polling can stop.</summary>
    public bool IsFinished => State is TransferJobState.Completed or TransferJobState.Failed;

    internal static TransferJobState Parse(string? raw) => raw?.Trim().ToUpperInvariant() switch
    {
        "SCHEDULED" => TransferJobState.Scheduled,
        "IN_PROGRESS" or "INPROGRESS" or "IN PROGRESS" => TransferJobState.InProgress,
        "COMPLETED" => TransferJobState.Completed,
        "FAILED" => TransferJobState.Failed,
        _ => TransferJobState.Unknown,
    };
}
