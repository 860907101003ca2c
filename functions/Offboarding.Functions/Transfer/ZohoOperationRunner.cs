using System.Globalization;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>Carries out one claimed offboarding against Zoho and writes the result into the record; transient Zoho errors
/// are thrown for the caller to release the claim and let the queue retry.</summary>
public sealed class ZohoOperationRunner(ZohoCrmClient zoho, UserTransferPlanner planner, IOptions<ZohoCrmClientOptions> zohoOptions, TimeProvider time)
{
    private readonly string _version = zohoOptions.Value.ApiVersion;

    /// <param name="reconciling">True when an earlier invocation may already have called Zoho and died before recording it.</param>
    public async Task RunAsync(OffboardingRecord record, bool reconciling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            switch (record.Request.Operation)
            {
                case OffboardingOperation.UserTransferAndDelete:
                    await RunUserAsync(record, reconciling, cancellationToken).ConfigureAwait(false);
                    break;
                case OffboardingOperation.RoleDeleteAndTransfer:
                    await RunRoleAsync(record, reconciling, cancellationToken).ConfigureAwait(false);
                    break;
                case OffboardingOperation.PortalUserTypeTransfer:
                    await RunPortalAsync(record, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (PlanRefusedException ex)
        {
            record.Fail(Now, "refused", ex.Code, ex.Message);
        }
        catch (ZohoCrmException ex) when (ex.Classification == ZohoErrorClassification.AlreadyDone)
        {
            record.Complete(Now, "zoho", $"Zoho reports it already done ({ex.Code})");
        }
        catch (ZohoCrmException ex) when (ex.Classification == ZohoErrorClassification.Permanent)
        {
            record.Fail(Now, "zoho", ex.Code, ex.ZohoMessage ?? ex.Message);
        }
    }

    private DateTimeOffset Now => time.GetUtcNow();

    // An answer that never came (timeout, dropped connection), a 5xx (Zoho may have acted before failing), or any
    // failure after such an attempt leaves open whether Zoho scheduled the job.
    // A call the credit gate held back was never sent.
    private static bool MayHaveBeenScheduled(ZohoCrmException ex) =>
        ex.Classification == ZohoErrorClassification.Transient &&
        (ex.EarlierAttemptAmbiguous || (ex.HttpStatus is null or >= 500 && ex.Code != ZohoErrorCodes.ClientCreditsExhausted));

    private async Task RunUserAsync(OffboardingRecord record, bool reconciling, CancellationToken cancellationToken)
    {
        var leaver = await planner.FindLeaverAsync(record.Request, cancellationToken).ConfigureAwait(false);
        if (reconciling && leaver is not null)
        {
            // The email lookup may come from the client's short-lived directory: ask Zoho for the user's state now.
            leaver = await zoho.GetUserAsync(leaver.Id, cancellationToken).ConfigureAwait(false)
                ?? leaver with { Status = ZohoUserStatus.Deleted, RawStatus = "gone" };
        }

        if (leaver is null)
        {
            if (reconciling)
            {
                record.Complete(Now, "reconciled", "the leaver is no longer in Zoho; nothing to call");
                return;
            }

            throw new PlanRefusedException(RefusalCodes.LeaverNotFound, "No Zoho user has the leaver's id or work email.");
        }

        record.LeaverZohoId = leaver.Id;
        if (leaver.Status == ZohoUserStatus.Deleted)
        {
            // Either done before we came, or our own earlier call went through and we died before recording it.
            record.Complete(Now, reconciling ? "reconciled" : "zoho", $"Zoho user {leaver.Id} is already {leaver.RawStatus ?? leaver.Status.ToString()}; nothing to call");
            return;
        }

        if (reconciling && !record.Request.DryRun)
        {
            // The claimant may have called Zoho before it died, and a job that has not run yet leaves the user as it was.
            var reconciledAt = Now;
            record.AwaitConfirmation(reconciledAt, "reconciled", $"Zoho user {leaver.Id} is still {leaver.RawStatus ?? leaver.Status.ToString()}; an earlier attempt may have scheduled a job, checking before any resubmit");

            // Its holder was lost a lease ago: the slot goes back now, not after a job length this instance may not know, so a
            // lost instance's slots return within a minute (ADR 002). Should the lost attempt's job still run, it only defers
            // the next transfer (ADR 003).
            record.RecordSlotReleased(reconciledAt, "its claim lapsed with its holder: its Zoho job slot went to the next transfer");
            return;
        }

        var plan = await planner.PlanAsync(record.Request, leaver, cancellationToken).ConfigureAwait(false);
        record.TargetZohoId = plan.TargetId;
        record.TargetRule = plan.Rule;
        record.TargetReason = plan.Reason;
        record.SubordinatesTargetZohoId = plan.SubordinatesTargetId;
        record.Record(Now, "planned", "ok", $"target {plan.TargetId} ({plan.Rule.ToWireName()}: {plan.Reason}); subordinates to {plan.SubordinatesTargetId}");

        var transfer = record.Request.Transfer;
        if (record.Request.DryRun)
        {
            var moves = string.Join(", ", new[] { ("records", transfer.Records), ("assignment", transfer.Assignment), ("criteria", transfer.Criteria) }.Where(t => t.Item2).Select(t => t.Item1));
            FinishDryRun(record,
                $"POST /crm/{_version}/users/{leaver.Id}/actions/transfer_and_delete transfer to {plan.TargetId} ({moves}), move_subordinate to {plan.SubordinatesTargetId}",
                $"GET /crm/{_version}/users/actions/transfer_and_delete?job_id=<job> until completed or failed");
            return;
        }

        TransferJob job;
        try
        {
            job = await zoho.TransferAndDeleteUserAsync(
                new TransferAndDeleteRequest
                {
                    UserId = leaver.Id,
                    TransferToUserId = plan.TargetId,
                    TransferRecords = transfer.Records,
                    TransferAssignments = transfer.Assignment,
                    TransferCriteria = transfer.Criteria,
                    SubordinatesTargetUserId = plan.SubordinatesTargetId,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex) when (MayHaveBeenScheduled(ex))
        {
            // Nothing says Zoho refuses a second call while the first job has not run (the sandbox takes it): verify, not resend.
            record.AwaitConfirmation(Now, "zoho", $"{FailureText.Describe(ex)}: the job may have been scheduled; checking the user before any resubmit");
            return;
        }

        var now = Now;
        record.ZohoJobId = job.JobId;
        record.SubmittedAt = now;
        record.State = OffboardingState.Submitted;
        record.Record(now, "submitted", "ok", $"Zoho job {job.JobId}");
        record.Announce(OffboardingOutcome.Submitted);
    }

    private async Task RunRoleAsync(OffboardingRecord record, bool reconciling, CancellationToken cancellationToken)
    {
        var role = record.Request.Role!;
        if (record.Request.DryRun)
        {
            FinishDryRun(record, $"DELETE /crm/{_version}/settings/roles/{role.RoleId}?transfer_to_id={role.TransferToRoleId}");
            return;
        }

        try
        {
            await zoho.DeleteRoleAsync(role.RoleId, role.TransferToRoleId, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex) when (reconciling && ex.Code == "INVALID_DATA" && ex.GetDetail("resource_path_index") is not null)
        {
            // The role id itself is unknown: our earlier, unrecorded call already deleted it.
            record.Complete(Now, "reconciled", $"role {role.RoleId} no longer exists in Zoho");
            return;
        }

        record.Complete(Now, "zoho", $"role {role.RoleId} deleted, users moved to role {role.TransferToRoleId}");
    }

    private async Task RunPortalAsync(OffboardingRecord record, CancellationToken cancellationToken)
    {
        var portal = record.Request.Portal!;
        if (record.Request.DryRun)
        {
            FinishDryRun(record, $"POST /crm/{_version}/settings/portals/{portal.PortalName}/user_type/{portal.FromUserTypeId}/users/action/transfer?transfer_To={portal.ToUserTypeId}&personality_ids=<{portal.PersonalityIds.Count} ids>");
            return;
        }

        var result = await zoho.TransferPortalUsersAsync(portal.PortalName, portal.FromUserTypeId, portal.ToUserTypeId, portal.PersonalityIds, cancellationToken).ConfigureAwait(false);
        if (result.AllSucceeded)
        {
            record.Complete(Now, "zoho", string.Create(CultureInfo.InvariantCulture, $"{result.Users.Count} portal user(s) moved to user type {portal.ToUserTypeId} in {result.Calls} call(s)"));
            return;
        }

        var failures = result.Users.Where(u => !u.Succeeded && u.Classification != ZohoErrorClassification.AlreadyDone).ToList();
        if (failures.Any(u => u.Classification == ZohoErrorClassification.Transient))
        {
            // Let the queue retry; users already moved answer "already done" next time.
            throw new ZohoTransientFailureException($"{failures.Count} portal user transfer(s) failed transiently.");
        }

        record.Fail(Now, "zoho", RefusalCodes.PortalTransferIncomplete, string.Join("; ", failures.Select(u => $"{u.PersonalityId}: {u.Code}")));
    }

    private void FinishDryRun(OffboardingRecord record, params string[] calls)
    {
        foreach (var call in calls)
        {
            record.PlannedCalls.Add(call);
        }

        var now = Now;
        record.State = OffboardingState.Planned;
        record.FinishedAt = now;
        record.Record(now, "dry_run", "planned", $"{calls.Length} call(s) would be made; none was");
        record.Announce(OffboardingOutcome.DryRun);
    }
}
