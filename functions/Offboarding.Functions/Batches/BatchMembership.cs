using Offboarding.Functions.Domain;
using Offboarding.Functions.Intake;

namespace Offboarding.Functions.Batches;

/// <summary>Finds a webhook's leaver among the people of live batches: one point read of the index by email.</summary>
public sealed class BatchMembership(BatchStore store) : IBatchMembership
{
    public async Task<(string BatchId, string OffboardingId)?> FindAsync(OffboardingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is not { Operation: OffboardingOperation.UserTransferAndDelete, DryRun: false, Employee.WorkEmail: { } email } || request.Source == BatchUploadReader.Source
            || await store.FindMemberAsync(email, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        // An entry whose batch row was never written (its upload failed half-way) stands for nobody.
        return await store.GetAsync(found.BatchId, cancellationToken).ConfigureAwait(false) is null ? null : found;
    }
}
