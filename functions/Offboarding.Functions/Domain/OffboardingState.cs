namespace Offboarding.Functions.Domain;

/// <summary>
/// Where an offboarding is; the transitions are drawn in docs/architecture.md ("Offboarding states").
/// </summary>
public enum OffboardingState
{
    /// <summary>Stored by the intake; a queue message is (or will be re-) sent.</summary>
    Accepted,

    /// <summary>Claimed by a transfer invocation that is about to call Zoho. Reconciled if left behind by a crash.</summary>
    Submitting,

    /// <summary>
    /// A transfer-and-delete may have reached Zoho without its answer arriving (or its claimant died): the leaver is
    /// re-checked until Zoho shows them deleted, and only after the verify window is the transfer sent again.
    /// </summary>
    Verifying,

    /// <summary>Zoho accepted the transfer-and-delete job; the poll function watches it.</summary>
    Submitted,

    Completed,

    Failed,

    /// <summary>Dry run finished: the plan is recorded, nothing was changed in Zoho.</summary>
    Planned,

    /// <summary>Kept back by the blast-radius hold: not queued until an operator approves (or rejects) it.</summary>
    Held,

    /// <summary>Rescinded or rejected before it was sent to Zoho; nothing was changed there.</summary>
    Cancelled,
}
