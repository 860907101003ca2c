namespace Offboarding.Functions.Domain;

/// <summary>
/// The stored state of one offboarding (request, state, Zoho's answers, audit trail), changed only by ETag-guarded
/// writes so that two invocations cannot both win.
/// </summary>
public sealed class OffboardingRecord
{
    public required string Id { get; init; }

    /// <summary>What was asked; an operator's retry may change its transfer target.</summary>
    public required OffboardingRequest Request { get; set; }

    public OffboardingState State { get; set; } = OffboardingState.Accepted;

    /// <summary>The Standard Webhooks <c>webhook-id</c> of the message that asked for it; the transfer step claims it (one offboarding per message).</summary>
    public string? WebhookMessageId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The intake's request message, so the sweep can tell one still waiting in the queue from one an instance took
    /// and lost; dropped by the transfer step's first write, or by the sweep that found it taken (ADR 010).</summary>
    public QueuedMessage? FirstMessage { get; set; }

    /// <summary>The W3C <c>traceparent</c> (and <c>tracestate</c>) of its intake: every later step, and its events, continue that trace.</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the work is due: the request's effective time, or the time it was accepted.</summary>
    public DateTimeOffset EffectiveAt { get; init; }

    /// <summary>Row key of this record's entry in the due index; null when nothing is due (finished, events out).</summary>
    public string? DueKey { get; set; }

    /// <summary>How many times the sweep has re-queued this record; drives the sweep's back-off.</summary>
    public int SweepCount { get; set; }

    public DateTimeOffset? SubmittingSince { get; set; }

    /// <summary>When the claimant last renewed its Submitting claim; stored in a column of its own, so a renewal does not
    /// rewrite the document its holder is changing.</summary>
    public DateTimeOffset? ClaimRenewedAt { get; set; }

    /// <summary>When a Submitting claim was last known to be alive: its last renewal, else when it was taken.</summary>
    public DateTimeOffset? ClaimAliveAt => ClaimRenewedAt is { } renewed && renewed > SubmittingSince ? renewed : SubmittingSince;

    /// <summary>Since when the transfer has been waiting for one of Zoho's transfer-and-delete job slots; null when not waiting.</summary>
    public DateTimeOffset? WaitingForSlotSince { get; set; }

    /// <summary>Since when the transfer has been waiting for Zoho API credits (exhausted, or the app's budget spent); null when not waiting.</summary>
    public DateTimeOffset? WaitingForCreditsSince { get; set; }

    /// <summary>While <see cref="OffboardingState.Verifying"/>: when the transfer's outcome became unknown; the verify window counts from here.</summary>
    public DateTimeOffset? UnconfirmedSince { get; set; }

    /// <summary>Whether the Zoho job slot of the current unknown outcome was given back already (its audit says so).</summary>
    public bool UnconfirmedSlotReleased() =>
        UnconfirmedSince is { } since && Audit.Any(a => a.At >= since && a is { Step: "admission", Outcome: "slot_released" });

    /// <summary>Records that the Zoho job slot of the current unknown outcome went to the next transfer.</summary>
    public void RecordSlotReleased(DateTimeOffset at, string detail) => Record(at, "admission", "slot_released", detail);

    /// <summary>How many times the leaver has been re-checked while verifying; drives the re-check back-off.</summary>
    public int VerifyCount { get; set; }

    /// <summary>How many transfer attempts ended with an unknown outcome; bounds how often an unconfirmed transfer is sent again.</summary>
    public int UnconfirmedAttempts { get; set; }

    public string? LeaverZohoId { get; set; }

    public string? TargetZohoId { get; set; }

    public TargetRule? TargetRule { get; set; }

    /// <summary>Why the target rule applied, e.g. "manager 123 is inactive".</summary>
    public string? TargetReason { get; set; }

    public string? SubordinatesTargetZohoId { get; set; }

    public string? ZohoJobId { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public int PollCount { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }

    public string? LastJobStatus { get; set; }

    public DateTimeOffset? StalledAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Which attempt this is: 1, and one more for each operator retry. Event ids after the first attempt carry it.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>
    /// Set when the offboarding failed while a transfer-and-delete might have reached Zoho (its claim was live, or its
    /// outcome was never confirmed): a retry then verifies the leaver before anything is sent again.
    /// </summary>
    public bool MayHaveReachedZoho { get; set; }

    /// <summary>While <see cref="OffboardingState.Held"/>: since when, and why.</summary>
    public DateTimeOffset? HeldSince { get; set; }

    public string? HoldReason { get; set; }

    /// <summary>Who rescinded it and why (an operator, the HR system, or a rejected hold).</summary>
    public OperatorAction? Cancellation { get; set; }

    /// <summary>Who released it from the blast-radius hold.</summary>
    public OperatorAction? Release { get; set; }

    /// <summary>Who started the current attempt, when it is a retry.</summary>
    public OperatorAction? Retry { get; set; }

    /// <summary>Ids of the events earlier attempts published.</summary>
    public IList<string> PriorEvents { get; init; } = [];

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>For a dry run: the Zoho calls that would have been made.</summary>
    public IList<string> PlannedCalls { get; init; } = [];

    /// <summary>Outcomes decided but not yet confirmed published (a transactional outbox on the record).</summary>
    public IList<OffboardingOutcome> PendingEvents { get; init; } = [];

    /// <summary>Pending outcomes whose event sits hidden on the events queue, waiting to be revealed.</summary>
    public IList<StagedEvent> StagedEvents { get; init; } = [];

    /// <summary>Outcomes already published; an outcome is announced at most once.</summary>
    public IList<OffboardingOutcome> PublishedEvents { get; init; } = [];

    /// <summary>Who is publishing the pending events, so two writers never send the same event (see <see cref="Events.EventOutbox"/>).</summary>
    public EventClaim? EventClaim { get; set; }

    public IList<AuditEntry> Audit { get; init; } = [];

    /// <summary>
    /// Whether <paramref name="other"/> was made by the same intake request as this one (its message and its write carry
    /// the same record), not by a repeat of it.
    /// </summary>
    public bool IsSameAcceptanceAs(OffboardingRecord other) =>
        other is not null && CreatedAt == other.CreatedAt && WebhookMessageId == other.WebhookMessageId;

    /// <summary>Still only in this app: nothing has been sent to Zoho, so it can be rescinded.</summary>
    public bool CanBeCancelled => State is OffboardingState.Accepted or OffboardingState.Held;

    /// <summary>The CloudEvent id of <paramref name="outcome"/> in the current attempt: the same on every re-send.</summary>
    public string EventIdOf(OffboardingOutcome outcome) =>
        Attempt <= 1 ? $"{Id}.{outcome.ToEventName()}" : $"{Id}.{outcome.ToEventName()}.{Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public void Record(DateTimeOffset at, string step, string outcome, string? detail = null)
    {
        Audit.Add(new AuditEntry(at, step, outcome, detail));
        UpdatedAt = at;
    }

    /// <summary>Queues <paramref name="outcome"/> for publishing unless it was already announced or queued.</summary>
    public void Announce(OffboardingOutcome outcome)
    {
        if (!PublishedEvents.Contains(outcome) && !PendingEvents.Contains(outcome))
        {
            PendingEvents.Add(outcome);
        }
    }

    /// <summary>
    /// The transfer-and-delete may or may not have been scheduled by Zoho: hold it for verification instead of
    /// sending it again, since Zoho would take a second call for a user whose first job has not run yet.
    /// </summary>
    public void AwaitConfirmation(DateTimeOffset at, string step, string detail)
    {
        State = OffboardingState.Verifying;
        SubmittingSince = null;
        UnconfirmedSince = at;
        VerifyCount = 0;
        UnconfirmedAttempts++;
        Record(at, step, "unconfirmed", detail);
    }

    public void Fail(DateTimeOffset at, string step, string code, string message)
    {
        State = OffboardingState.Failed;
        FailureCode = code;
        FailureMessage = message;
        FinishedAt = at;
        Record(at, step, "failed", $"{code}: {message}");
        Announce(OffboardingOutcome.Failed);
    }

    /// <summary>Rescinded before reaching Zoho. The caller checked <see cref="CanBeCancelled"/> on the record it read.</summary>
    public void Cancel(OperatorAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        State = OffboardingState.Cancelled;
        Cancellation = action;
        FinishedAt = action.At;
        HeldSince = null;
        WaitingForSlotSince = null;
        WaitingForCreditsSince = null;
        Record(action.At, "cancel", "cancelled", action.Describe());
        Announce(OffboardingOutcome.Cancelled);
    }

    /// <summary>Kept back by the blast-radius hold until an operator decides.</summary>
    public void Hold(DateTimeOffset at, string reason)
    {
        State = OffboardingState.Held;
        HeldSince = at;
        HoldReason = reason;
        Record(at, "hold", "held", reason);
    }

    /// <summary>Released from the hold by an operator: accepted again, to be queued by the caller.</summary>
    public void ReleaseFromHold(OperatorAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        State = OffboardingState.Accepted;
        HeldSince = null;
        Release = action;
        Record(action.At, "hold", "released", action.Describe());
        Announce(OffboardingOutcome.Released);
    }

    /// <summary>
    /// Starts a new attempt of a failed offboarding: the failure is cleared, this attempt's events get new ids, and it
    /// goes back to Accepted, or to Verifying when the last attempt may have reached Zoho (never a second delete).
    /// </summary>
    public void StartRetry(OperatorAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var published in PublishedEvents)
        {
            PriorEvents.Add(EventIdOf(published));
        }

        PublishedEvents.Clear();
        Attempt++;
        Retry = action;
        FailureCode = null;
        FailureMessage = null;
        FinishedAt = null;
        StalledAt = null;
        SubmittedAt = null;
        ZohoJobId = null;
        LastJobStatus = null;
        PollCount = 0;
        VerifyCount = 0;
        UnconfirmedAttempts = 0;
        var verify = MayHaveReachedZoho && LeaverZohoId is not null;
        MayHaveReachedZoho = false;
        State = verify ? OffboardingState.Verifying : OffboardingState.Accepted;
        UnconfirmedSince = verify ? action.At : null;
        Record(action.At, "retry", verify ? "verifying" : "accepted",
            $"attempt {Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {action.Describe()}" + (verify ? "; the last attempt may have reached Zoho, so the leaver is checked first" : string.Empty));
        Announce(OffboardingOutcome.Retried);
    }

    public void Complete(DateTimeOffset at, string step, string? detail = null)
    {
        State = OffboardingState.Completed;
        FinishedAt = at;
        Record(at, step, "completed", detail);
        Announce(OffboardingOutcome.Completed);
    }
}
