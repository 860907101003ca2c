namespace Offboarding.Functions.Transfer;

/// <summary>Settings of the transfer function (section <c>Transfer</c>).</summary>
public sealed class TransferOptions
{
    /// <summary>Zoho user ids or emails that are never offboarded (break-glass accounts), comma-separated. Super admins are always protected.</summary>
    public string? ProtectedUsers { get; set; }

    /// <summary>Zoho user id or email that receives the records when the leaver has no usable manager.</summary>
    public string? FallbackUser { get; set; }

    /// <summary>
    /// How long a Submitting claim is trusted. A redelivered message that finds an older claim assumes the
    /// claimant died and reconciles with Zoho. It must be at least the Zoho client's
    /// <see cref="Zoho.Crm.ZohoCrmClientOptions.WorstCaseCallDuration"/> (the app refuses to start otherwise); unset,
    /// it is that duration (or 2 minutes if longer).
    /// </summary>
    public TimeSpan SubmittingLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a transfer whose outcome is unknown (answer lost, a 5xx, or a claimant that died) is verified before it
    /// is sent again. The leaver is re-checked meanwhile (on the poll back-off) and the offboarding completes as soon as
    /// Zoho shows them deleted. Keep it above the longest time Zoho takes to run a job: Zoho takes a second call for a
    /// user whose first job has not run yet, so a shorter window risks a second job for the same user.
    /// </summary>
    public TimeSpan UnconfirmedWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Transfer attempts that may end with an unknown outcome (each verified for <see cref="UnconfirmedWindow"/>) before the
    /// offboarding fails instead of sending again. Higher than the queue's retries: each such attempt is verified, not blind.
    /// </summary>
    public int MaxUnconfirmedAttempts { get; set; } = 10;

    /// <summary>The queue's max dequeue count (host.json <c>maxDequeueCount</c>): on the last attempt a failure also marks the record failed.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// Transfer-and-delete jobs this app lets Zoho run at once (Zoho's concurrent-job limit; 10 in its example). A
    /// transfer waits for a free slot instead of calling Zoho to be refused. Lowered at run time to the limit Zoho
    /// reports with a refusal when that is smaller.
    /// </summary>
    public int MaxConcurrentJobs { get; set; } = 10;

    /// <summary>
    /// Longest pause between two looks of a waiting transfer at the job slots. The wait grows from ten seconds up to this;
    /// a finished job wakes the oldest waiters at once, so this only bounds how late a missed wake-up (or a slot Zoho
    /// frees for another system's job) is noticed.
    /// </summary>
    public TimeSpan SlotWaitMaxDelay { get; set; } = TimeSpan.FromMinutes(1);
}
