using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>A transfer without a Zoho job slot waits on the queue: it sends itself again with a growing delay, so the wait
/// holds no invocation, no dequeue count and no Zoho call (docs/adr/003-job-slot-admission.md).</summary>
public sealed partial class JobSlotWait(
    OffboardingRepository repository,
    RequestDispatcher dispatcher,
    JobAdmission admission,
    IOptions<TransferOptions> options,
    TimeProvider time,
    ILogger<JobSlotWait> logger)
{
    private readonly TransferOptions _options = options.Value;

    /// <summary>The waiting message is the wait's carrier; the sweep only backs it up, and must not multiply the waiting messages.</summary>
    private TimeSpan WaitingSweepAfter => _options.SlotWaitMaxDelay * 20;

    /// <summary>No free slot: the first wait is recorded (audit, status, the waiter list that orders wake-ups); later looks
    /// write nothing. False when the record changed meanwhile (read it again).</summary>
    public async Task<bool> WaitAsync(StoredOffboarding stored, RequestMessage request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Wake)
        {
            // A wake-up that lost the race for the freed slot: the offboarding's own waiting message is still queued.
            return true;
        }

        var record = stored.Record;
        var ahead = 0;
        if (record.WaitingForSlotSince is null)
        {
            var now = time.GetUtcNow();
            ahead = await admission.AddWaiterAsync(record, cancellationToken).ConfigureAwait(false);
            record.WaitingForSlotSince = now;
            record.Record(now, "admission", "waiting", JobAdmission.DescribeWait(limit, ahead));
            if (await repository.TrySaveAsync(stored, DueAt.At(now + WaitingSweepAfter), cancellationToken).ConfigureAwait(false) is null)
            {
                return false;
            }

            LogWaiting(logger, record.Id, ahead);
        }

        await SendWaitingAsync(request, ahead, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Zoho refused the job for its concurrent-job limit: no failed attempt, since nothing was scheduled. Back to
    /// Accepted, the shared limit lowered to Zoho's, the slot given back waking nobody (Zoho would refuse them too).</summary>
    public async Task DeferRefusedAsync(StoredOffboarding claimed, RequestMessage request, ZohoCrmException refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(refusal);
        var record = claimed.Record;
        var now = time.GetUtcNow();
        if (refusal.JobLimit is int reported)
        {
            await admission.LowerLimitAsync(reported, cancellationToken).ConfigureAwait(false);
        }

        var first = record.WaitingForSlotSince is null;
        var ahead = first ? await admission.AddWaiterAsync(record, cancellationToken).ConfigureAwait(false) : 0;
        record.State = OffboardingState.Accepted;
        record.SubmittingSince = null;
        record.WaitingForSlotSince ??= now;
        record.Record(now, "zoho", "job_limit",
            string.Create(CultureInfo.InvariantCulture, $"{refusal.Code}: Zoho runs its limit of {refusal.JobLimit?.ToString(CultureInfo.InvariantCulture) ?? "?"} jobs; ") +
            (first ? JobAdmission.DescribeWait(refusal.JobLimit ?? _options.MaxConcurrentJobs, ahead) : "waiting for a Zoho job slot again"));

        // If this write fails the record stays Submitting and the redelivery reconciles it (the user is still there: re-planned, sent).
        _ = await repository.TrySaveAsync(claimed, DueAt.At(now + WaitingSweepAfter), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Offboarding {record.Id} changed while Zoho was called; the redelivery reconciles it.");
        await admission.ReleaseAsync(record, wake: false, cancellationToken).ConfigureAwait(false);
        await SendWaitingAsync(request with { Wake = false }, ahead, cancellationToken).ConfigureAwait(false);
        LogRefusedByZoho(logger, record.Id, refusal.JobLimit);
    }

    // Sent before this invocation returns (and its message is deleted): the wait survives a crash at any point.
    private Task SendWaitingAsync(RequestMessage request, int ahead, CancellationToken cancellationToken) =>
        dispatcher.SendAsync(new RequestMessage(request.Id, request.NotBefore, request.SlotWaits + 1, TraceParent: request.TraceParent), admission.NextWait(request.SlotWaits, ahead), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} waits for a Zoho job slot ({Ahead} ahead)")]
    private static partial void LogWaiting(ILogger logger, string offboardingId, int ahead);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: Zoho refused the job for its concurrent-job limit ({Limit}); waiting for a slot")]
    private static partial void LogRefusedByZoho(ILogger logger, string offboardingId, int? limit);
}
