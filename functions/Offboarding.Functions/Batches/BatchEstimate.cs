namespace Offboarding.Functions.Batches;

/// <summary>What a batch will cost before it is approved: Zoho credits, and time under Zoho's concurrent-job limit.</summary>
/// <param name="JobDurationBasis">Where the job duration comes from: learned from recent jobs, or the assumption.</param>
/// <param name="CreditsFit">Whether the credits fit in what is left of the window; null when the window is not known.</param>
public sealed record BatchEstimate(
    int People,
    int JobLimit,
    double JobSeconds,
    string JobDurationBasis,
    double DurationSeconds,
    long Credits,
    string CreditBasis,
    long? CreditsRemaining,
    bool? CreditsFit,
    DateTimeOffset EstimatedAt);
