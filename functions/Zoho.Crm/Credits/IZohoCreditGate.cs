namespace Zoho.Crm;

/// <summary>
/// Asked before each CRM call is sent whether the org's API credits allow it, and told what each call came to, so an app
/// can share a credit budget and Zoho's "credits exhausted" between its instances. Must be thread-safe, fast, and never throw.
/// </summary>
/// <remarks>Without one, every call is sent. A refused call is not sent: it fails with
/// <see cref="ZohoErrorCodes.ClientCreditsExhausted"/> (transient, never retried by the client), whose
/// <see cref="ZohoCrmException.RetryAfter"/> says when to try again.</remarks>
public interface IZohoCreditGate
{
    /// <summary>Whether <paramref name="operation"/> may be sent now (accounts-server calls cost no credits and are not asked).</summary>
    ValueTask<ZohoCreditPermit> BeforeCallAsync(ZohoOperation operation, CancellationToken cancellationToken);

    /// <summary>What the call allowed by <paramref name="permit"/> came to; awaited before the call's concurrency slot is given
    /// up, so the call that takes the slot next is asked after a refusal is known.</summary>
    ValueTask AfterCallAsync(ZohoOperation operation, ZohoCreditPermit permit, ZohoCallCost cost, CancellationToken cancellationToken);
}

/// <summary>The gate's answer: go ahead (perhaps as the probe of exhausted credits), or wait until <see cref="RetryAt"/>.</summary>
public readonly record struct ZohoCreditPermit(bool Allowed, DateTimeOffset? RetryAt = null, bool IsProbe = false)
{
    public static ZohoCreditPermit Go { get; } = new(true);

    public static ZohoCreditPermit Probe { get; } = new(true, IsProbe: true);

    public static ZohoCreditPermit WaitUntil(DateTimeOffset at) => new(false, at);
}

/// <summary>What a sent call cost.</summary>
public enum ZohoCallCost
{
    /// <summary>Zoho answered (any status but the credits-exhausted 429): one credit.</summary>
    Answered,

    /// <summary>No answer (timeout, dropped connection): it may have been counted, so count it.</summary>
    Unanswered,

    /// <summary>Zoho refused it because the org's credits are exhausted.</summary>
    CreditsExhausted,
}
