namespace Zoho.Crm;

/// <summary>
/// Delete one CRM user and hand their work to others (Zoho's <c>transfer_and_delete</c>). Irreversible once
/// Zoho's job completes.
/// </summary>
public sealed record TransferAndDeleteRequest
{
    /// <summary>The user to delete.</summary>
    public string UserId { get; init; } = "";

    /// <summary>Who receives records, assignments and criteria (Zoho's <c>transfer.id</c>); null sends no <c>transfer</c>.</summary>
    public string? TransferToUserId { get; init; }

    /// <summary><c>transfer.records</c>: move ownership of the user's open records.</summary>
    public bool TransferRecords { get; init; } = true;

    /// <summary><c>transfer.assignment</c>: replace the user in assignment/escalation rules, field updates, automation actions.</summary>
    public bool TransferAssignments { get; init; } = true;

    /// <summary><c>transfer.criteria</c>: replace the user in criteria of custom views, automation, reports.</summary>
    public bool TransferCriteria { get; init; } = true;

    /// <summary>Who the user's subordinates report to afterwards (Zoho's <c>move_subordinate.id</c>); null sends none.</summary>
    public string? SubordinatesTargetUserId { get; init; }

    /// <summary>
    /// True: the user id goes in the URL (<c>/users/{id}/actions/transfer_and_delete</c>); false: in the body
    /// (<c>/users/actions/transfer_and_delete</c>). Zoho treats both the same.
    /// </summary>
    public bool UrlForm { get; init; } = true;
}
