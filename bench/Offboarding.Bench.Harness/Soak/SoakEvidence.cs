using Offboarding.Bench.Harness.Load;
using Offboarding.Functions.Domain;
using Zoho.Crm.Sandbox.Control;

namespace Offboarding.Bench.Harness.Soak;

/// <summary>
/// What a run leaves behind, read after it ended: the webhooks sent, the offboardings table, the events seen on
/// the events queue, the sandbox's call log and jobs, and the poison queue's messages (their ids).
/// </summary>
public sealed record SoakEvidence(
    IReadOnlyList<Submission> Submissions,
    IReadOnlyList<OffboardingRecord> Records,
    IReadOnlyList<CollectedEvent> Events,
    IReadOnlyList<CallLogEntry> ZohoCalls,
    IReadOnlyList<JobSnapshot> ZohoJobs,
    IReadOnlyList<string?> PoisonOffboardingIds)
{
    /// <summary>When the app was killed or Azurite stopped: the moments a publish can be cut off before it is recorded.</summary>
    public IReadOnlyList<DateTimeOffset> Crashes { get; init; } = [];
}
