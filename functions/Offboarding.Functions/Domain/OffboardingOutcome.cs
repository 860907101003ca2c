namespace Offboarding.Functions.Domain;

/// <summary>The outcomes an offboarding announces as CloudEvents; each is published at most once per offboarding.</summary>
public enum OffboardingOutcome
{
    Submitted,
    Completed,
    Failed,
    Stalled,
    DryRun,
}
