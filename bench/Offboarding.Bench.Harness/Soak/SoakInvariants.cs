using System.Globalization;
using Offboarding.Functions.Domain;
using Zoho.Crm.Sandbox.Control;

namespace Offboarding.Bench.Harness.Soak;

/// <summary>
/// The promises a run must keep, checked from its evidence alone: nothing lost, nothing done twice in Zoho,
/// every offboarding announced exactly once as finished, and the poison queue explained. The soak command and
/// the soak test both judge a run with this one class.
/// </summary>
public static class SoakInvariants
{
    private const string TransferEndpoint = "transfer_and_delete";

    public static SoakReport Check(SoakEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var violations = new List<string>();
        var accepted = evidence.Submissions.Where(s => s.OffboardingId is not null).GroupBy(s => s.OffboardingId!).ToDictionary(g => g.Key, g => g.First());
        var records = evidence.Records.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());

        var notAccepted = evidence.Submissions.Where(s => s.OffboardingId is null).ToList();
        Note(violations, notAccepted.Select(s => $"webhook {s.EventId} never accepted (last status {s.Status})"));

        var lost = accepted.Keys.Where(id => !records.TryGetValue(id, out var r) || !IsFinished(r)).ToList();
        Note(violations, lost.Select(id => records.TryGetValue(id, out var r) ? $"offboarding {id} stuck in {r.State}" : $"offboarding {id} has no record"));

        var finished = accepted.Keys.Where(records.ContainsKey).Select(id => records[id]).ToList();
        var failedWithoutReason = finished.Where(r => r.State == OffboardingState.Failed && !HasReason(r)).ToList();
        Note(violations, failedWithoutReason.Select(r => $"offboarding {r.Id} failed without a reason"));

        // Zoho side: a job per leaver at most, and at most one accepted transfer call per leaver.
        var jobsPerUser = evidence.ZohoJobs.GroupBy(j => j.UserId).Where(g => g.Count() > 1).ToList();
        Note(violations, jobsPerUser.Select(g => $"user {g.Key} had {g.Count()} transfer-and-delete jobs"));
        var acceptedTransfers = evidence.ZohoCalls.Where(IsAcceptedTransfer).GroupBy(c => c.UserId).Where(g => g.Count() > 1).ToList();
        Note(violations, acceptedTransfers.Select(g => $"user {g.Key} got {g.Count()} accepted transfer calls"));

        // Events: one message per event id; exactly one terminal outcome per offboarding.
        var duplicateIds = evidence.Events.GroupBy(e => e.EventId).Where(g => g.Count() > 1).ToList();
        Note(violations, duplicateIds.Select(g => $"event id {g.Key} published {g.Count()} times (queued at {string.Join(", ", g.Select(e => e.QueuedAt?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "?"))} UTC{(FirstQueuedAtCrash(g, evidence.Crashes) ? ", the first at a crash" : "")})"));
        var terminal = evidence.Events.Where(e => e.IsTerminal).GroupBy(e => e.Subject ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Type).Distinct().Count());
        var missing = accepted.Keys.Where(id => !terminal.ContainsKey(id)).ToList();
        Note(violations, missing.Select(id => $"offboarding {id} has no completed/failed event"));
        var conflicting = terminal.Where(p => p.Value > 1).Select(p => p.Key).ToList();
        Note(violations, conflicting.Select(id => $"offboarding {id} announced as both completed and failed"));

        var poisonUnexplained = evidence.PoisonOffboardingIds
            .Where(id => id is null || !records.TryGetValue(id, out var r) || r.State != OffboardingState.Failed || !HasReason(r))
            .ToList();
        Note(violations, poisonUnexplained.Select(id => $"poison message for {id ?? "(unreadable)"} without a failed record that says why"));

        const string JobLimit = "CONCURRENT_JOB_LIMIT_EXCEEDED";
        var failedForBusy = finished.Where(r => r.State == OffboardingState.Failed
            && ((r.FailureCode?.Contains(JobLimit, StringComparison.Ordinal) ?? false) || (r.FailureMessage?.Contains(JobLimit, StringComparison.Ordinal) ?? false))).ToList();
        Note(violations, failedForBusy.Select(r => $"offboarding {r.Id} failed because Zoho's job limit was reached"));

        var counts = new SoakCounts
        {
            Webhooks = evidence.Submissions.Count,
            NotAccepted = notAccepted.Count,
            Offboardings = accepted.Count,
            Completed = finished.Count(r => r.State == OffboardingState.Completed),
            FailedWithReason = finished.Count(r => r.State == OffboardingState.Failed && HasReason(r)),
            FailedWithoutReason = failedWithoutReason.Count,
            Lost = lost.Count,
            UsersDeletedTwice = jobsPerUser.Count,
            DuplicateTransferCalls = acceptedTransfers.Count,
            DuplicateEventIds = duplicateIds.Count,
            MissingTerminalEvents = missing.Count,
            ConflictingTerminalEvents = conflicting.Count,
            PoisonMessages = evidence.PoisonOffboardingIds.Count,
            PoisonUnexplained = poisonUnexplained.Count,
            ZohoCalls = evidence.ZohoCalls.Count,
            Injected500s = evidence.ZohoCalls.Count(c => c.Fault == FaultKind.InternalError),
            Injected429s = evidence.ZohoCalls.Count(c => c.Fault == FaultKind.TooManyRequests),
            InjectedDrops = evidence.ZohoCalls.Count(c => c.Fault == FaultKind.DropConnection),
            InjectedLostResponses = evidence.ZohoCalls.Count(c => c.Fault == FaultKind.DropResponse),
            TransferCallsRejected = evidence.ZohoCalls.Count(c => c.Endpoint == TransferEndpoint && c.Fault is null && c.Status >= 400),
            TransferCallsRefusedForJobLimit = evidence.ZohoCalls.Count(c => c.Endpoint == TransferEndpoint && c.Code == JobLimit),
            FailedForBeingBusy = failedForBusy.Count,
            ReconciledClaims = finished.Count(r => r.Audit.Any(a => a.Step == "reconciling")),
        };
        var failures = finished.Where(r => r.State == OffboardingState.Failed)
            .GroupBy(r => $"{r.FailureCode}: {r.FailureMessage}")
            .Select(g => $"{g.Count()} × {g.Key} (e.g. {g.First().Id})")
            .ToList();
        return new SoakReport(counts, violations, failures);
    }

    // Tells a repeat caused by a kill from one caused by a race. The queue stamps insertion times to the second, so
    // "at a crash" is the first copy queued from 2 s before the kill to 1 s after it (a send in flight as it died).
    private static bool FirstQueuedAtCrash(IEnumerable<Load.CollectedEvent> copies, IReadOnlyList<DateTimeOffset> crashes)
    {
        var first = copies.Min(e => e.QueuedAt);
        return first is { } at && crashes.Any(crash => at >= crash - TimeSpan.FromSeconds(2) && at <= crash + TimeSpan.FromSeconds(1));
    }

    private static bool IsFinished(OffboardingRecord record) =>
        record.State is OffboardingState.Completed or OffboardingState.Failed && record.PendingEvents.Count == 0;

    private static bool HasReason(OffboardingRecord record) =>
        !string.IsNullOrWhiteSpace(record.FailureCode) && !string.IsNullOrWhiteSpace(record.FailureMessage);

    private static bool IsAcceptedTransfer(CallLogEntry call) =>
        call.Endpoint == TransferEndpoint && (call.Fault is null or FaultKind.DropResponse) && call.Status is >= 200 and < 300;

    // Keeps the report readable: the first few examples of each kind, then a count.
    private static void Note(List<string> violations, IEnumerable<string> found)
    {
        var all = found.ToList();
        violations.AddRange(all.Take(5));
        if (all.Count > 5)
        {
            violations.Add($"… and {all.Count - 5} more like the above");
        }
    }
}
