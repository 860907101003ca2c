using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Operators;

public enum RetryOutcomeKind
{
    Retried,
    NotFound,

    /// <summary>Not failed, its failure still being announced, or refused by Zoho for good without force.</summary>
    Refused,
}

public sealed record RetryOutcome(RetryOutcomeKind Kind, OffboardingRecord? Record = null, string? Detail = null);
