namespace Offboarding.Bench.Harness.Soak;

/// <summary>The soak's tally. Every field named as a violation must be zero for a clean run.</summary>
public sealed record SoakCounts
{
    public int Webhooks { get; init; }

    /// <summary>Webhooks the intake never accepted (the sender gave up).</summary>
    public int NotAccepted { get; init; }

    public int Offboardings { get; init; }

    public int Completed { get; init; }

    public int FailedWithReason { get; init; }

    public int FailedWithoutReason { get; init; }

    /// <summary>Accepted offboardings with no record, or a record that never reached completed/failed.</summary>
    public int Lost { get; init; }

    /// <summary>Leavers for whom Zoho started more than one transfer-and-delete job.</summary>
    public int UsersDeletedTwice { get; init; }

    /// <summary>Offboardings with more than one transfer call that Zoho accepted (retries of failed calls excluded).</summary>
    public int DuplicateTransferCalls { get; init; }

    /// <summary>Event ids published in more than one queue message.</summary>
    public int DuplicateEventIds { get; init; }


    public int MissingTerminalEvents { get; init; }

    /// <summary>Offboardings announced as both completed and failed.</summary>
    public int ConflictingTerminalEvents { get; init; }

    public int PoisonMessages { get; init; }

    /// <summary>Poison messages whose record does not say why it failed.</summary>
    public int PoisonUnexplained { get; init; }

    public int ZohoCalls { get; init; }

    public int Injected500s { get; init; }

    public int Injected429s { get; init; }

    public int InjectedDrops { get; init; }

    /// <summary>Calls that took effect in Zoho but whose answer was dropped: the app must find out what happened.</summary>
    public int InjectedLostResponses { get; init; }

    /// <summary>Transfer calls Zoho refused with an error of its own (not an injected fault), e.g. a user already deleted.</summary>
    public int TransferCallsRejected { get; init; }

    /// <summary>Of those, refusals for Zoho's concurrent-job limit: the app should have waited for a slot instead.</summary>
    public int TransferCallsRefusedForJobLimit { get; init; }

    /// <summary>Offboardings that failed because Zoho was busy (its job limit): must be none.</summary>
    public int FailedForBeingBusy { get; init; }

    /// <summary>Offboardings whose claim lapsed (its holder was killed) and that another invocation reconciled, reading Zoho first.</summary>
    public int ReconciledClaims { get; init; }
}
