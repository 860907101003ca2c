namespace Offboarding.Functions.Domain;

public static class OffboardingOutcomeExtensions
{
    /// <summary>The last segment of the CloudEvent type, e.g. <c>dry_run</c> in <c>…offboarding.dry_run</c>.</summary>
    public static string ToEventName(this OffboardingOutcome outcome) => outcome switch
    {
        OffboardingOutcome.Submitted => "submitted",
        OffboardingOutcome.Completed => "completed",
        OffboardingOutcome.Failed => "failed",
        OffboardingOutcome.Stalled => "stalled",
        OffboardingOutcome.DryRun => "dry_run",
        OffboardingOutcome.Cancelled => "cancelled",
        OffboardingOutcome.Released => "released",
        OffboardingOutcome.Retried => "retried",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
