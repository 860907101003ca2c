using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Operators;

/// <summary>How a request to rescind an offboarding ended.</summary>
public enum CancelOutcomeKind
{
    Cancelled,
    AlreadyCancelled,

    /// <summary>Sent to Zoho already (or ended): it cannot be undone.</summary>
    TooLate,
    NotFound,
}

public sealed record CancelOutcome(CancelOutcomeKind Kind, OffboardingRecord? Record = null, string? Detail = null);
