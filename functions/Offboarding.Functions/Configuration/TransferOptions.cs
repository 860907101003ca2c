namespace Offboarding.Functions.Configuration;

/// <summary>Settings of the transfer function (section <c>Transfer</c>).</summary>
public sealed class TransferOptions
{
    /// <summary>Zoho user ids or emails that are never offboarded (break-glass accounts), comma-separated. Super admins are always protected.</summary>
    public string? ProtectedUsers { get; set; }

    /// <summary>Zoho user id or email that receives the records when the leaver has no usable manager.</summary>
    public string? FallbackUser { get; set; }

    /// <summary>
    /// How long a Submitting claim is trusted. A redelivered message that finds an older claim assumes the
    /// claimant died and reconciles with Zoho; keep it above the Zoho client's total call timeout.
    /// </summary>
    public TimeSpan SubmittingLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The queue's max dequeue count (host.json <c>maxDequeueCount</c>): on the last attempt a failure also marks the record failed.</summary>
    public int MaxDequeueCount { get; set; } = 5;
}
