namespace Offboarding.Functions.Domain;

/// <summary>
/// The canonical offboarding request: what every HRIS payload is turned into before it is stored.
/// Its JSON shape (camelCase) is the published schema Contracts/offboarding-request.schema.json; <see cref="Intake.OffboardingRequestReader"/> validates against it.
/// </summary>
public sealed record OffboardingRequest
{
    /// <summary>The sending system, e.g. <c>workday</c> or <c>merge</c>; lowercase.</summary>
    public required string Source { get; init; }

    /// <summary>The sender's id for this event; with <see cref="Source"/> it decides the offboarding id.</summary>
    public required string SourceEventId { get; init; }

    public OffboardingOperation Operation { get; init; } = OffboardingOperation.UserTransferAndDelete;

    /// <summary>When the offboarding should happen; null means now.</summary>
    public DateTimeOffset? EffectiveAt { get; init; }

    /// <summary>The leaver; required for the user operation.</summary>
    public EmployeeIdentity? Employee { get; init; }

    /// <summary>Who receives the leaver's records and what moves; defaults apply when absent.</summary>
    public RecordTransfer Transfer { get; init; } = new();

    /// <summary>Who receives the leaver's subordinates; null means the transfer target.</summary>
    public UserReference? Subordinates { get; init; }

    public RoleTransfer? Role { get; init; }

    public PortalTransfer? Portal { get; init; }

    /// <summary>Record the plan and emit a <c>dry_run</c> event without any mutating Zoho call.</summary>
    public bool DryRun { get; init; }
}
