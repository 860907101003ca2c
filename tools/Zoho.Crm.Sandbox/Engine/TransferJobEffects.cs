using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Engine;

/// <summary>What a completed transfer_and_delete does to the org: owner moves, subordinates move, user deleted.</summary>
public static class TransferJobEffects
{
    public static void Apply(OrgFixture org, TransferJob job)
    {
        var leaver = org.FindUser(job.UserId);
        if (leaver is null || leaver.IsDeleted)
        {
            return;
        }

        var target = org.FindUser(job.TransferToId);
        if (target is not null && job.TransferRecords)
        {
            foreach (var (module, count) in leaver.Records)
            {
                target.Records[module] = target.Records.GetValueOrDefault(module) + count;
            }

            leaver.Records.Clear();
        }

        // Without move_subordinate the subordinates go up one level, to the leaver's own manager.
        var newManager = job.MoveSubordinatesToId ?? leaver.ReportingTo;
        foreach (var subordinate in org.Users.Where(u => u.ReportingTo == leaver.Id && !u.IsDeleted))
        {
            subordinate.ReportingTo = newManager;
        }

        leaver.Status = UserStatus.Deleted;
    }
}
