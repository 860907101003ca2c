using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>The poll's step for a Submitted job: asks Zoho for its status and records it; a job that ended frees its Zoho
/// job slot at once, so the next transfer need not wait for the record's write.</summary>
public sealed partial class JobStatusPoll(
    ZohoCrmClient zoho,
    EventOutbox outbox,
    JobAdmission admission,
    PollTiming timing,
    TimeProvider time,
    ILogger<JobStatusPoll> logger)
{
    /// <summary>How late a poll may come for the job's observed length to be learned.</summary>
    private static readonly TimeSpan LatePollTolerance = TimeSpan.FromSeconds(2);

    /// <summary>Asks Zoho for the job's status and records it; a job still running is due again.</summary>
    public async Task PollAsync(StoredOffboarding stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var record = stored.Record;
        var asked = time.GetUtcNow();
        var late = record.DueKey is { } dueKey ? asked - DueIndex.DueTimeOf(dueKey) : TimeSpan.Zero;
        TransferJobStatus? status;
        TimeSpan? creditsBackIn = null;
        try
        {
            status = await zoho.GetTransferAndDeleteStatusAsync(record.ZohoJobId!, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoJobNotFoundException)
        {
            status = new TransferJobStatus(TransferJobState.Unknown, "not_found");
        }
        catch (ZohoCrmException ex)
        {
            // Transient after the client's retries, or a permanent error (e.g. scope) an operator must fix:
            // either way keep the job on its schedule; the stalled event tells someone if it never resolves.
            LogStatusFailed(logger, record.Id, ex.Code);
            status = null;

            // Out of credits: polled again when they may be back (before the waiting transfers), not on the back-off.
            creditsBackIn = ex.IsCreditsExhausted ? ex.RetryAfter ?? TimeSpan.Zero : null;
        }

        var now = time.GetUtcNow();
        var age = record.SubmittedAt is { } submittedAt ? asked - submittedAt : (TimeSpan?)null;
        record.LastPolledAt = now;
        if (status is not null)
        {
            record.PollCount++;
            if (record.LastJobStatus != status.RawStatus)
            {
                record.Record(now, "poll", status.RawStatus);
            }

            record.LastJobStatus = status.RawStatus;
        }

        DueAt due;
        switch (status?.State)
        {
            // Finished: the row that was due for this poll stays until the outcome is published (which removes it): two
            // storage calls fewer per job. Should the publisher die, the next cycle reschedules it past the publisher's claim.
            case TransferJobState.Completed:
                record.Complete(now, "zoho", $"Zoho job {record.ZohoJobId} completed");
                due = DueAt.Keep;
                break;
            case TransferJobState.Failed:
                record.Fail(now, "zoho", RefusalCodes.ZohoJobFailed, status.Reason ?? "Zoho reported the transfer-and-delete job as failed.");
                due = DueAt.Keep;
                break;
            default:
                if (record.StalledAt is null && record.SubmittedAt is { } submitted && now - submitted > timing.StalledAfter)
                {
                    record.StalledAt = now;
                    record.Record(now, "stalled", "announced", $"still {record.LastJobStatus ?? "unknown"} after {timing.StalledAfter}; polling continues");
                    record.Announce(OffboardingOutcome.Stalled);
                }

                due = DueAt.At(creditsBackIn is { } wait ? now + wait : timing.NextPoll(record, status, age, now));
                break;
        }

        if (record.State.IsTerminal())
        {
            // A poll that came late (the poll timer moved to another instance, a cycle fell behind) bounds the job's
            // length only loosely: learned from, it would make every verification wait that much longer for its slot.
            if (age is { } took && status is not null && late <= LatePollTolerance)
            {
                timing.Finished(took);
            }

            // Zoho says the job is over: its slot goes to the oldest waiting transfer before the record is written (a crash
            // in between only leaves the record to be polled again). Releasing twice frees nothing twice.
            await admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        }

        // Not saved when another instance got there first; it owns this step.
        _ = await outbox.SaveAndPublishAsync(stored, due, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll: status of offboarding {OffboardingId} unavailable ({Code})")]
    private static partial void LogStatusFailed(ILogger logger, string offboardingId, string code);
}
