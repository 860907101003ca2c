namespace Offboarding.Functions.Domain;

/// <summary>
/// The <c>transfer</c> part of Zoho's transfer-and-delete: the target user (default: the leaver's
/// manager, then the configured fallback) and the three things that move to them.
/// </summary>
public sealed record RecordTransfer
{
    public UserReference? To { get; init; }

    /// <summary>Ownership of open records.</summary>
    public bool Records { get; init; } = true;

    /// <summary>Assignment and escalation rules, field updates, automation actions.</summary>
    public bool Assignment { get; init; } = true;

    /// <summary>Custom view, report and automation criteria.</summary>
    public bool Criteria { get; init; } = true;
}
