using Offboarding.Functions.Domain;
using Offboarding.Functions.Intake;

namespace Offboarding.Functions.Batches;

/// <summary>Finds a webhook's leaver among the people of live batches: one point read of the index by email.</summary>
public sealed class BatchMembership(BatchStore store, TimeProvider time) : IBatchMembership
{
    /// <summary>How long after a batch ended a webhook for one of its people still joins their offboarding.</summary>
    public static readonly TimeSpan JoinWindow = TimeSpan.FromDays(30);

    public async Task<(string BatchId, string OffboardingId)?> FindAsync(OffboardingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is not { Operation: OffboardingOperation.UserTransferAndDelete, DryRun: false, Employee.WorkEmail: { } email } || request.Source == BatchUploadReader.Source
            || await store.FindMemberAsync(email, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        // An entry whose batch row was never written (its upload failed half-way) stands for nobody; one of a batch that
        // ended long ago neither: the HRIS's own termination comes around the effective day, a later one is a new leaving.
        return await store.GetAsync(found.BatchId, cancellationToken).ConfigureAwait(false) is { Batch: var batch }
            && (batch.FinishedAt is not { } finished || time.GetUtcNow() - finished < JoinWindow)
                ? found
                : null;
    }
}
