namespace Offboarding.Functions.Domain;

/// <summary>
/// The outcomes an offboarding announces as CloudEvents; each is published at most once per attempt of an offboarding
/// (an operator's retry starts a new attempt, whose events carry new ids).
/// </summary>
public enum OffboardingOutcome
{
    Submitted,
    Completed,
    Failed,
    Stalled,
    DryRun,

    /// <summary>Rescinded (by an operator, the HR system, or a rejected hold) before it reached Zoho.</summary>
    Cancelled,

    /// <summary>Released from the blast-radius hold by an operator.</summary>
    Released,

    /// <summary>A failed offboarding sent again by an operator.</summary>
    Retried,
}
