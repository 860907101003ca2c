using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>The poll's safety net for transfers stuck before Zoho (a lost message, an intake or claimant that died): queued
/// again once due; a claim still within its lease is looked at again each cycle until it lapses.</summary>
public sealed partial class TransferSweep(
    OffboardingRepository repository,
    RequestDispatcher dispatcher,
    IOptions<PollOptions> poll,
    IOptions<TransferOptions> transfer,
    ILogger<TransferSweep> logger)
{
    /// <summary>How long after its effective time a new offboarding's first message should have been taken; the sweep then
    /// checks that it was not taken by an instance that died with it (docs/adr/010-first-delivery-check.md).</summary>
    public static readonly TimeSpan FirstDeliveryCheck = TimeSpan.FromMinutes(1);

    private readonly PollOptions _poll = poll.Value;
    private readonly TransferOptions _transfer = transfer.Value;

    /// <summary>Sweeps an Accepted or Submitting record that came due.</summary>
    public async Task SweepAsync(StoredOffboarding stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var record = stored.Record;
        if (record is { State: OffboardingState.Accepted, FirstMessage: { } first }
            && await dispatcher.TryKeepUntakenAsync(first, record.EffectiveAt - now, cancellationToken).ConfigureAwait(false) is { } untaken)
        {
            // Still in the queue behind others: no second message. Looked at again after as long again as it has waited
            // (1, 2, 4, … minutes), so a long backlog costs few checks.
            record.FirstMessage = untaken;
            var waited = now - record.EffectiveAt;
            await repository.TrySaveAsync(stored, DueAt.At(now + (waited > FirstDeliveryCheck ? waited : FirstDeliveryCheck)), cancellationToken).ConfigureAwait(false);
            return;
        }

        // Taken (by an instance that died with it, or that moved the offboarding on) or gone: never looked at again.
        record.FirstMessage = null;
        if (record.State == OffboardingState.Accepted || !_transfer.IsClaimLive(record, now))
        {
            await RequeueAsync(stored, now, cancellationToken).ConfigureAwait(false);
        }

        // A live claim stays due, unwritten: a write would change the ETag its holder renews with. Its holder ends it, or
        // the cycle after it lapses requeues it.
    }

    private async Task RequeueAsync(StoredOffboarding stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = stored.Record;
        record.SweepCount++;
        record.Record(now, "sweep", "requeued", $"still {record.State.ToWireName()} after its due time");
        var saved = await repository.TrySaveAsync(stored, DueAt.At(now + _poll.SweepAfter), cancellationToken).ConfigureAwait(false);
        if (saved is not null)
        {
            await dispatcher.SendAsync(record, now, cancellationToken).ConfigureAwait(false);
            LogRequeued(logger, record.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll: offboarding {OffboardingId} queued again by the sweep")]
    private static partial void LogRequeued(ILogger logger, string offboardingId);
}
