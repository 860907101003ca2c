using System.Globalization;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>Claims an offboarding as Submitting (ETag-guarded) before Zoho is called, so a redelivered or duplicate message
/// never calls Zoho twice; a claim left by a crash is reconciled once its lease (renewed while its holder works) has passed.</summary>
public sealed class TransferClaim(
    OffboardingRepository repository,
    JobAdmission admission,
    JobSlotWait slots,
    ClaimedTransfer claimed,
    CreditWait credits,
    IOptions<TransferOptions> options)
{
    private readonly TransferOptions _options = options.Value;

    /// <summary>How long after a lease's end the sweep looks: a little, so a claim renewed at the last moment is seen live.</summary>
    public static readonly TimeSpan SweepMargin = TimeSpan.FromSeconds(2);

    /// <summary>Whether a Submitting record's claim is within its lease (renewed while its holder works): its claimant may be
    /// calling Zoho right now.</summary>
    public bool IsLive(OffboardingRecord record, DateTimeOffset now) => _options.IsClaimLive(record, now);

    /// <summary>Takes a Zoho job slot (or waits for one), claims the record and runs the transfer; with
    /// <paramref name="reconciling"/>, Zoho is checked before any call. False when the record changed meanwhile (read it again).</summary>
    public async Task<bool> TryClaimAsync(StoredOffboarding stored, RequestMessage request, bool reconciling, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(request);
        var record = stored.Record;
        if (await credits.HoldAsync(cancellationToken).ConfigureAwait(false) is { } hold)
        {
            // Before a job slot: a transfer waiting for credits holds no slot another could use once they are back.
            return await credits.WaitAsync(stored, request, hold, cancellationToken).ConfigureAwait(false);
        }

        if (JobAdmission.Needs(record) && await admission.TryAcquireAsync(record, cancellationToken).ConfigureAwait(false) is { Acquired: false } refused)
        {
            return await slots.WaitAsync(stored, request, refused.Limit, cancellationToken).ConfigureAwait(false);
        }

        await credits.EndAsync(record, now, cancellationToken).ConfigureAwait(false);

        var waitedSince = record.WaitingForSlotSince;
        if (waitedSince is not null)
        {
            record.WaitingForSlotSince = null;
            record.Record(now, "admission", "admitted", string.Create(CultureInfo.InvariantCulture, $"a Zoho job slot after {(now - waitedSince.Value).TotalSeconds:0.#} s"));
        }

        record.State = OffboardingState.Submitting;
        record.SubmittingSince = now;
        record.ClaimRenewedAt = null;
        record.Record(now, reconciling ? "reconciling" : "submitting", "claimed",
            reconciling ? "an earlier attempt stopped after claiming; checking Zoho before calling again" : null);

        // While claimed, the record is due for the sweep just after the lease, in case this process dies (a claim renewed
        // meanwhile stays due, and the sweep looks at it each cycle until it lapses or ends).
        var claimedRecord = await repository.TrySaveAsync(stored, DueAt.At(now + _options.SubmittingLease + SweepMargin), cancellationToken).ConfigureAwait(false);
        if (claimedRecord is null)
        {
            return false;
        }

        // Its waiter row goes while Zoho is called: off the path from a freed slot to the next job.
        var leaving = waitedSince is not null ? admission.RemoveWaiterAsync(record, cancellationToken) : Task.CompletedTask;
        try
        {
            await claimed.RunAsync(claimedRecord, request, reconciling, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await leaving.ConfigureAwait(false);
        }

        return true;
    }
}
