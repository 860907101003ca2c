using System.Globalization;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Intake;

namespace Offboarding.Functions.Batches;

/// <summary>Starts people of an approved batch: each gets an offboarding through the normal pipeline (its id fixed at
/// planning, so a repeat is the same offboarding), accepted as approved, so the blast-radius hold leaves it alone.</summary>
public sealed class BatchStarter(BatchStore store, WaitingLine line, OffboardingIntake intake, TimeProvider time)
{
    /// <summary>Offboardings made at once: each is a few storage calls.</summary>
    private const int Parallel = 8;

    /// <summary>The next people of <paramref name="batchId"/> due by <paramref name="now"/>, at most <paramref name="max"/>, from the
    /// waiting line; those not then started must be given back with <see cref="Forget"/>.</summary>
    public Task<IReadOnlyList<BatchMember>> NextAsync(string batchId, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        line.NextAsync(batchId, now, max, cancellationToken);

    /// <summary>Forgets the line read of <paramref name="batchId"/>: people handed out and not started are read again next time.</summary>
    public void Forget(string batchId) => line.Forget(batchId);

    /// <summary>Marks <paramref name="members"/> started (before making their offboardings: a crash leaves them started and
    /// the next cycle makes what is missing), then makes their offboardings.</summary>
    public async Task StartAsync(BatchRecord batch, IReadOnlyList<BatchMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(members);
        var now = time.GetUtcNow();
        foreach (var member in members)
        {
            member.Status = MemberStatus.Started;
            member.StartedAt ??= now;
        }

        await store.SaveMembersAsync(batch, members, cancellationToken).ConfigureAwait(false);
        await MakeAsync(batch, members, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes (or finds) the offboardings of started people; idempotent.</summary>
    public Task MakeAsync(BatchRecord batch, IReadOnlyList<BatchMember> members, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (member, ct) => await intake.AcceptApprovedAsync(RequestOf(batch, member), Approval(batch, member), ct).ConfigureAwait(false));

    public static OffboardingRequest RequestOf(BatchRecord batch, BatchMember member)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(member);
        return new OffboardingRequest
        {
            Source = BatchUploadReader.Source,
            SourceEventId = BatchUploadReader.MemberEventId(batch.Id, member.Line),
            Employee = new EmployeeIdentity { WorkEmail = member.WorkEmail, HrisId = member.HrisId, Name = member.Name },
            Transfer = member.NamesTarget ? new RecordTransfer { To = new UserReference { ZohoUserId = member.TargetZohoId } } : new RecordTransfer(),
        };
    }

    private static string Approval(BatchRecord batch, BatchMember member) => string.Create(CultureInfo.InvariantCulture,
        $"batch {batch.Id} line {member.Line}, approved by {batch.Approval?.By} at {batch.Approval?.At:O}; planned target {member.TargetZohoId} ({member.TargetRule}: {member.TargetReason})");
}
