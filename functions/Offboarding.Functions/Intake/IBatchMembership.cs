using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Intake;

/// <summary>Whether a request's leaver is someone a live batch offboards: then a webhook joins that person's offboarding
/// instead of making a second one. Batches/ implements it; the intake depends only on this.</summary>
public interface IBatchMembership
{
    /// <summary>(batch id, the person's offboarding id), or null when no live batch has them.</summary>
    Task<(string BatchId, string OffboardingId)?> FindAsync(OffboardingRequest request, CancellationToken cancellationToken);
}
