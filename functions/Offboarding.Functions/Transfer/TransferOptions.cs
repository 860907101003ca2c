using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Transfer;

/// <summary>Settings of the transfer function (section <c>Transfer</c>).</summary>
public sealed class TransferOptions
{
    /// <summary>Zoho user ids or emails that are never offboarded (break-glass accounts), comma-separated. Super admins are always protected.</summary>
    public string? ProtectedUsers { get; set; }

    /// <summary>Zoho user id or email that receives the records when the leaver has no usable manager.</summary>
    public string? FallbackUser { get; set; }

    /// <summary>How long a Submitting claim lives without being renewed: its holder renews it while it calls Zoho, so a claim of
    /// an instance that died lapses within this, and another reconciles it (docs/adr/002-never-a-second-delete.md). 10 s to 60 s.</summary>
    public TimeSpan SubmittingLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a holder renews its claim: four times a lease, so one or two failed renewals cost nothing.</summary>
    public TimeSpan ClaimRenewEvery => SubmittingLease / 4;

    /// <summary>Whether a Submitting record's claim is within its lease: its holder may be calling Zoho right now.</summary>
    public bool IsClaimLive(OffboardingRecord record, DateTimeOffset now) =>
        now - (record ?? throw new ArgumentNullException(nameof(record))).ClaimAliveAt < SubmittingLease;

    /// <summary>How long a transfer with an unknown outcome is verified before it is sent again; keep it above the longest Zoho
    /// job, or a second job may run for the same user (docs/adr/002-never-a-second-delete.md).</summary>
    public TimeSpan UnconfirmedWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts that may end with an unknown outcome (each verified for <see cref="UnconfirmedWindow"/>) before the
    /// offboarding fails instead of sending again; higher than the queue's retries, since each is verified, not blind.</summary>
    public int MaxUnconfirmedAttempts { get; set; } = 10;

    /// <summary>The queue's max dequeue count (host.json <c>maxDequeueCount</c>): on the last attempt a failure also marks the record failed.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Transfer-and-delete jobs this app lets Zoho run at once (Zoho's concurrent-job limit), so a transfer waits instead
    /// of being refused; lowered at run time to a smaller limit Zoho reports (docs/adr/003-job-slot-admission.md).</summary>
    public int MaxConcurrentJobs { get; set; } = 10;

    /// <summary>Longest pause between two looks of a waiting transfer at the job slots: finished jobs wake waiters at once, so
    /// this only bounds how late a missed wake-up is noticed.</summary>
    public TimeSpan SlotWaitMaxDelay { get; set; } = TimeSpan.FromMinutes(1);
}
