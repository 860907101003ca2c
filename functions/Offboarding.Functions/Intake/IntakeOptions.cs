namespace Offboarding.Functions.Intake;

/// <summary>Settings of the intake functions (section <c>Intake</c>).</summary>
public sealed class IntakeOptions
{
    /// <summary>Standard Webhooks secrets (<c>whsec_…</c>), comma-separated; several are active during rotation.</summary>
    public string? WebhookSecrets { get; set; }

    /// <summary>Merge.dev organisation webhook signature keys, comma-separated; empty disables the Merge endpoint.</summary>
    public string? MergeSignatureKeys { get; set; }

    /// <summary>Largest accepted body; bigger is answered 413 before any hashing.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How far <c>webhook-timestamp</c> may be from now, either way; at most 5 minutes (the StandardWebhooks library's limit).</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
