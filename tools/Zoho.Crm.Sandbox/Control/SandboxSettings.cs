namespace Zoho.Crm.Sandbox.Control;

/// <summary>
/// Behaviour and fault injection that can be set at start (<see cref="SandboxOptions"/>) and changed at run
/// time through <c>PUT /__sandbox/settings</c>. Defaults behave like a healthy Enterprise org.
/// </summary>
public record SandboxSettings
{
    /// <summary>How long a transfer_and_delete job takes from scheduling to completed/failed.</summary>
    public double JobDurationSeconds { get; init; } = 2;

    public JobIdSpelling JobIdSpelling { get; init; } = JobIdSpelling.CamelCase;

    /// <summary>Unfinished transfer_and_delete jobs allowed at once; beyond → CONCURRENT_JOB_LIMIT_EXCEEDED.</summary>
    public int ConcurrentJobLimit { get; init; } = 10;

    /// <summary>Every job scheduled from now on ends <c>failed</c>.</summary>
    public bool FailJobs { get; init; }

    /// <summary>Jobs for these users end <c>failed</c>.</summary>
    public IReadOnlyList<string> FailJobsForUserIds { get; init; } = [];

    /// <summary>Latency added to each Zoho call, uniformly drawn between min and max (milliseconds).</summary>
    public int LatencyMinMs { get; init; }

    public int LatencyMaxMs { get; init; }

    /// <summary>Concurrent CRM calls allowed (null: the edition's limit); beyond → 429 TOO_MANY_REQUESTS.</summary>
    public int? ConcurrencyLimit { get; init; }

    /// <summary>Probability (0..1) that a call answers 500 INTERNAL_ERROR.</summary>
    public double InternalErrorRate { get; init; }

    /// <summary>Probability (0..1) that a call answers 429 TOO_MANY_REQUESTS.</summary>
    public double TooManyRequestsRate { get; init; }

    /// <summary>Probability (0..1) that a call's connection is dropped without an answer.</summary>
    public double DropConnectionRate { get; init; }

    /// <summary>Probability (0..1) that a call takes effect but its answer is lost (connection dropped after serving).</summary>
    public double DropResponseRate { get; init; }

    /// <summary>Faults consumed one per matching call, in order, before the rates apply (deterministic tests).</summary>
    public IReadOnlyList<FaultKind> ScriptedFaults { get; init; } = [];

    /// <summary>Endpoint names faults apply to (e.g. <c>users.list</c>, <c>token</c>); empty: every CRM endpoint.</summary>
    public IReadOnlyList<string> FaultEndpoints { get; init; } = [];

    /// <summary>API credits per rolling 24 h (null: the edition's allowance); exhausted → 429 TOO_MANY_REQUESTS.</summary>
    public long? DailyCredits { get; init; }

    /// <summary>The rolling window credits are counted over and freed after (Zoho: 24 h); shorter in tests.</summary>
    public double CreditWindowSeconds { get; init; } = 86_400;

    /// <summary>When set, 429 answers carry <c>Retry-After</c> (Zoho does not document one, so off by default).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Access-token lifetime (<c>expires_in</c>).</summary>
    public int TokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>Access tokens one refresh token may obtain per window (Zoho: 10 per 10 minutes).</summary>
    public int TokensPerWindow { get; init; } = 10;

    public int TokenWindowSeconds { get; init; } = 600;

    /// <summary>Active access tokens per refresh token; a new one beyond this invalidates the oldest (Zoho: 15).</summary>
    public int MaxActiveTokensPerRefreshToken { get; init; } = 15;

    /// <summary>Personality ids accepted per portal transfer call (a sandbox assumption; Zoho documents no figure).</summary>
    public int PortalTransferMaxIds { get; init; } = 100;

    /// <summary>Seed for the fault and latency random numbers (null: unseeded).</summary>
    public int? RandomSeed { get; init; }
}
