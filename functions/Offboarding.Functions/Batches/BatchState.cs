namespace Offboarding.Functions.Batches;

/// <summary>Where a batch is: planned and waiting for a decision, running, paused, or ended one of three ways.</summary>
public enum BatchState
{
    /// <summary>Planned at creation; nothing runs until an operator approves.</summary>
    AwaitingApproval,

    /// <summary>Approved: its people are started as Zoho job slots free up.</summary>
    Running,

    /// <summary>Approved, but no one new is started until it is resumed.</summary>
    Paused,

    /// <summary>Everyone it started has ended, and nobody is left to start.</summary>
    Finished,

    Rejected,

    /// <summary>Cancelled: nobody not yet sent to Zoho is sent.</summary>
    Cancelled,
}

/// <summary>What the plan found for one person.</summary>
public enum MemberPlan
{
    /// <summary>Found, active, not protected, with a usable target: will run.</summary>
    Ready,
    NotFound,
    Inactive,
    Protected,
    Duplicate,
    AlreadyOffboarded,
    InFlight,

    /// <summary>No usable transfer target: the named one cannot be used, or neither the managers nor the fallback can.</summary>
    NoTarget,
}

/// <summary>Where one person of a batch is, as the batch sees it; once started, their offboarding says the rest.</summary>
public enum MemberStatus
{
    /// <summary>Ready and not started yet.</summary>
    Waiting,

    /// <summary>The plan found a problem: never started.</summary>
    Skipped,

    /// <summary>Their offboarding was made through the normal pipeline.</summary>
    Started,

    /// <summary>The batch was cancelled or rejected before they were started.</summary>
    Cancelled,
}

/// <summary>Which rule chose who receives a person's records.</summary>
public enum BatchTargetRule
{
    /// <summary>The row named the target.</summary>
    Explicit,

    /// <summary>The person's manager in Zoho.</summary>
    Manager,

    /// <summary>A manager further up the reporting line: the ones below are leaving in the same batch.</summary>
    ManagerAbove,

    /// <summary>Transfer__FallbackUser: no manager, or no manager up the line who stays.</summary>
    Fallback,
}
