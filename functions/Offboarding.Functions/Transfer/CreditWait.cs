using Microsoft.Extensions.Logging;
using Offboarding.Functions.Credits;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>A transfer without credits waits on the queue like one without a job slot: it sends itself again for when the
/// credits may be back, holding no invocation, no dequeue count and no Zoho call (docs/adr/006-zoho-api-credits.md).</summary>
public sealed partial class CreditWait(
    OffboardingRepository repository,
    RequestDispatcher dispatcher,
    CreditAdmission credits,
    JobAdmission slots,
    TimeProvider time,
    ILogger<CreditWait> logger)
{
    /// <summary>The waiting message carries the wait; the sweep only backs it up, late enough not to multiply the messages.</summary>
    private static readonly TimeSpan SweepAfterUntil = TimeSpan.FromMinutes(10);

    /// <summary>Null when credits allow the transfer; else the hold it waits for.</summary>
    public Task<CreditHold?> HoldAsync(CancellationToken cancellationToken) => credits.HoldAsync(cancellationToken);

    /// <summary>Waits for <paramref name="hold"/>: the first wait is recorded (status, one audit entry, the waiter list); later
    /// looks write nothing. False when the record changed meanwhile (read it again).</summary>
    public async Task<bool> WaitAsync(StoredOffboarding stored, RequestMessage request, CreditHold hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(hold);
        if (request.Wake)
        {
            // A job-slot wake-up: the offboarding's own waiting message is still queued and carries this wait.
            return true;
        }

        var record = stored.Record;
        if (record.WaitingForCreditsSince is null)
        {
            var now = time.GetUtcNow();
            record.WaitingForCreditsSince = now;
            record.Record(now, "credits", "waiting", hold.Reason);
            if (await repository.TrySaveAsync(stored, DueAt.At(hold.Until + SweepAfterUntil), cancellationToken).ConfigureAwait(false) is null)
            {
                return false;
            }

            await credits.AddWaiterAsync(record.Id, now, cancellationToken).ConfigureAwait(false);
            LogWaiting(logger, record.Id, hold.Until);
        }

        await SendWaitingAsync(request, hold, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A Zoho call of the claimed transfer was refused or held back for credits, so this attempt scheduled nothing:
    /// back to Accepted, its job slot given back (waking nobody: they would wait too), waiting like any other. A reconciling
    /// transfer (an earlier attempt may have scheduled a job) keeps its slot and stays claimed, its claim lapsed, so the next
    /// look checks Zoho first again (docs/adr/002-never-a-second-delete.md).</summary>
    public async Task DeferAsync(StoredOffboarding claimed, RequestMessage request, bool reconciling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(request);
        var record = claimed.Record;
        var now = time.GetUtcNow();
        var hold = await credits.HoldAsync(cancellationToken).ConfigureAwait(false)
            ?? new CreditHold(now + TimeSpan.FromSeconds(5), "a Zoho call was refused for credits");
        var first = record.WaitingForCreditsSince is null;
        record.State = reconciling ? OffboardingState.Submitting : OffboardingState.Accepted;
        record.SubmittingSince = reconciling ? DateTimeOffset.UnixEpoch : null;
        record.WaitingForCreditsSince ??= now;
        if (first)
        {
            record.Record(now, "credits", "waiting", hold.Reason);
        }

        // If this write fails the record stays Submitting and the redelivery reconciles it (checks Zoho first).
        _ = await repository.TrySaveAsync(claimed, DueAt.At(hold.Until + SweepAfterUntil), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Offboarding {record.Id} changed while Zoho was called; the redelivery reconciles it.");
        if (!reconciling)
        {
            await slots.ReleaseAsync(record, wake: false, cancellationToken).ConfigureAwait(false);
        }

        if (first)
        {
            await credits.AddWaiterAsync(record.Id, now, cancellationToken).ConfigureAwait(false);
        }

        await SendWaitingAsync(request, hold, cancellationToken).ConfigureAwait(false);
        LogDeferred(logger, record.Id, hold.Until);
    }

    /// <summary>The transfer goes ahead after waiting: its wait ends in the record (saved with the claim) and the waiter list.</summary>
    public async Task EndAsync(OffboardingRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.WaitingForCreditsSince is not { } since)
        {
            return;
        }

        record.WaitingForCreditsSince = null;
        record.Record(now, "credits", "admitted", $"credits after {(now - since).TotalSeconds:0.#} s");
        await credits.RemoveWaiterAsync(record.Id, cancellationToken).ConfigureAwait(false);
    }

    // Sent before this invocation returns (and its message is deleted): the wait survives a crash at any point.
    private Task SendWaitingAsync(RequestMessage request, CreditHold hold, CancellationToken cancellationToken)
    {
        var delay = hold.Until - time.GetUtcNow();
        return dispatcher.SendAsync(request with { Wake = false, Origin = null }, delay > TimeSpan.FromSeconds(1) ? delay : TimeSpan.FromSeconds(1), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {OffboardingId} waits for Zoho API credits until {Until:O}")]
    private static partial void LogWaiting(ILogger logger, string offboardingId, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: a Zoho call was held back for credits; waiting until {Until:O}")]
    private static partial void LogDeferred(ILogger logger, string offboardingId, DateTimeOffset until);
}
