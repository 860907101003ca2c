using System.Text.Json.Serialization;

namespace Offboarding.Functions.Batches;

/// <summary>One person of a batch: the row as sent, what the plan found, and whether they were started.</summary>
public sealed class BatchMember
{
    public required int Line { get; init; }

    public string? WorkEmail { get; init; }

    public string? HrisId { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset? EffectiveAt { get; init; }

    public string? TransferTo { get; init; }

    public MemberPlan Plan { get; set; }

    /// <summary>Why the plan is what it is, in words for the plan table and the report.</summary>
    public string? PlanDetail { get; set; }

    public string? LeaverZohoId { get; set; }

    public string? TargetZohoId { get; set; }

    public string? TargetEmail { get; set; }

    public BatchTargetRule? TargetRule { get; set; }

    public string? TargetReason { get; set; }

    public MemberStatus Status { get; set; }

    /// <summary>The offboarding this person has (or will have once started): its id is fixed at planning.</summary>
    public required string OffboardingId { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The offboarding must be told the target: the rule the one-by-one path applies would choose differently (a
    /// manager who is leaving in this batch), or the row named one.</summary>
    public bool NamesTarget { get; set; }

    [JsonIgnore]
    public MemberProgress Progress => new(Status, OffboardingId);
}
