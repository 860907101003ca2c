using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>Admits user transfer-and-delete calls by Zoho's concurrent-job limit, so Zoho is not called only to refuse: a
/// <see cref="JobSlots"/> slot per running job, waiters woken as slots free (docs/adr/003-job-slot-admission.md).</summary>
public sealed partial class JobAdmission(
    JobSlots slots,
    OffboardingRepository repository,
    RequestDispatcher dispatcher,
    IOptions<TransferOptions> options,
    TimeProvider time,
    ILogger<JobAdmission> logger)
{
    /// <summary>How long a slot may stay with an offboarding that is back to Accepted before it counts as abandoned.</summary>
    private static readonly TimeSpan AcceptedHolderGrace = TimeSpan.FromSeconds(30);

    /// <summary>How often one instance checks the holders of a full set of slots (each check reads their records).</summary>
    private static readonly TimeSpan ReclaimEvery = TimeSpan.FromSeconds(30);

    /// <summary>The first pause of a waiting transfer: seconds, since the waiting message is only the wake-ups' fallback and a
    /// thousand waiters looking every second would bury the wake-ups in the queue.</summary>
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(10);

    /// <summary>Counting the waiters ahead stops here ("at least this many"): the count is for operators, not for order.</summary>
    private const int MaxAheadCounted = 200;

    /// <summary>At most this many waiters are woken by one freed slot (the rest keep their own schedule).</summary>
    private const int MaxWakes = 10;

    /// <summary>How long a waiter this instance woke is skipped by further wake-ups (it is taking a slot meanwhile).</summary>
    private static readonly TimeSpan RecentWake = TimeSpan.FromSeconds(3);

    private readonly TransferOptions _options = options.Value;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _recentlyWoken = new(StringComparer.Ordinal);
    private long _nextReclaimTicks;

    /// <summary>Whether <paramref name="record"/> runs a Zoho job and so needs a slot.</summary>
    public static bool Needs(OffboardingRecord record) =>
        record is { Request.Operation: OffboardingOperation.UserTransferAndDelete, Request.DryRun: false };

    public static string WaiterKey(OffboardingRecord record) => JobSlots.WaiterKey(record.EffectiveAt, record.CreatedAt, record.Id);

    /// <summary>Takes a slot for <paramref name="record"/> (or finds the one it holds); not acquired when all are in use. Says the
    /// limit in force either way, so a transfer that must wait need not read the slots again to say why.</summary>
    public async Task<SlotAttempt> TryAcquireAsync(OffboardingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var attempt = await TryTakeAsync(record.Id, cancellationToken).ConfigureAwait(false);
        if (attempt.Acquired || !ReclaimIsDue() || await ReclaimAbandonedAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return attempt;
        }

        return await TryTakeAsync(record.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Registers <paramref name="record"/> as waiting; returns how many waiting offboardings are ahead of it.</summary>
    public Task<int> AddWaiterAsync(OffboardingRecord record, CancellationToken cancellationToken) =>
        slots.AddWaiterAsync(WaiterKey(record), record.Id, MaxAheadCounted, cancellationToken);

    public Task RemoveWaiterAsync(OffboardingRecord record, CancellationToken cancellationToken) =>
        slots.RemoveWaiterAsync(WaiterKey(record), cancellationToken);

    /// <summary>The limit in force: the setting, or the limit Zoho reported with a refusal when smaller.</summary>
    public async Task<int> EffectiveLimitAsync(CancellationToken cancellationToken) =>
        LimitOf(await slots.ReadAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Zoho refused a job with <paramref name="reported"/> as its limit: every instance admits no more than that from now on.</summary>
    public async Task LowerLimitAsync(int reported, CancellationToken cancellationToken)
    {
        var limit = Math.Max(1, reported);
        if (limit < _options.MaxConcurrentJobs)
        {
            await slots.LowerLimitAsync(limit, cancellationToken).ConfigureAwait(false);
            LogLimitLowered(logger, limit);
        }
    }

    /// <summary>Gives back the slot <paramref name="record"/> holds (if any) and its waiter row, and says how many slots it freed;
    /// <paramref name="wake"/> queues the oldest waiters for them (not after Zoho's refusal: it would refuse them too).</summary>
    public async Task<int> ReleaseAsync(OffboardingRecord record, bool wake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Needs(record))
        {
            return 0;
        }

        var snapshot = await slots.ReadAsync(cancellationToken).ConfigureAwait(false);
        var freed = 0;
        foreach (var slot in snapshot.Slots.Where(s => s.Holder == record.Id))
        {
            if (await slots.TryFreeAsync(slot, cancellationToken).ConfigureAwait(false))
            {
                freed++;
            }
        }

        if (freed > 0 && wake)
        {
            var free = LimitOf(snapshot) - (snapshot.Slots.Count(s => s.Holder is not null) - freed);
            await WakeOldestAsync(Math.Min(free, MaxWakes), cancellationToken).ConfigureAwait(false);
        }

        if (record.State.IsTerminal() && record.SubmittedAt is null)
        {
            // Ended while waiting, or before its job was scheduled: wake-ups must not go to it. (A job that ran was claimed
            // first, and its waiter row went then.) A deferred transfer keeps its place. (After the wake-up,
            // which a freed slot must not wait for; a wake-up that meets an ended offboarding removes its row too.)
            await RemoveWaiterAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return freed;
    }

    /// <summary>A wake-up reached <paramref name="record"/>, which no longer waits: its waiter row goes, and with a slot free the
    /// oldest remaining waiter is woken in its place, so the freed slot does not stay idle.</summary>
    public async Task PassOnWakeAsync(OffboardingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await RemoveWaiterAsync(record, cancellationToken).ConfigureAwait(false);
        var snapshot = await slots.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot.Slots.Count(s => s.Holder is not null) < LimitOf(snapshot))
        {
            await WakeOldestAsync(1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pause before a waiting transfer looks again: doubling up to the setting, jittered and longer behind
    /// <paramref name="ahead"/> others, so a layoff's waiters do not all look at once.</summary>
    public TimeSpan NextWait(int waits, int ahead = 0)
    {
        var max = _options.SlotWaitMaxDelay;
        var grown = FirstWait * Math.Pow(2, Math.Min(waits, 16)) * (1 + (ahead / (double)Math.Max(1, _options.MaxConcurrentJobs)));
        var capped = grown < max ? grown : max;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    private async Task<SlotAttempt> TryTakeAsync(string holder, CancellationToken cancellationToken)
    {
        var limit = _options.MaxConcurrentJobs;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var snapshot = await slots.ReadAsync(cancellationToken).ConfigureAwait(false);
            limit = LimitOf(snapshot);
            if (snapshot.Slots.Any(s => s.Holder == holder))
            {
                // A redelivered or reconciling transfer that already holds one.
                return new SlotAttempt(true, limit);
            }

            if (snapshot.Slots.Count(s => s.Holder is not null) >= limit)
            {
                return new SlotAttempt(false, limit);
            }

            // Only slots below the limit are ever taken, so a lowered limit drains the ones above it. The free ones are tried
            // from a random one on: transfers starting together (a layoff) would otherwise all go for the same first free
            // slot, and each but one would lose it and go for the next (conflicts growing with the square of their number).
            var free = Enumerable.Range(0, limit).Select(JobSlots.SlotKey)
                .Select(key => (Key: key, Row: snapshot.Slots.FirstOrDefault(s => s.Key == key)))
                .Where(slot => slot.Row is not { Holder: not null })
                .ToList();
            var first = free.Count == 0 ? 0 : Random.Shared.Next(free.Count);
            foreach (var (key, row) in free.Skip(first).Concat(free.Take(first)))
            {
                if (await slots.TryTakeAsync(key, row, holder, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                {
                    return new SlotAttempt(true, limit);
                }
            }

            // Every free one went to someone else meanwhile: read again.
        }

        return new SlotAttempt(false, limit);
    }

    /// <summary>The limit in force by <paramref name="snapshot"/>: the setting, or Zoho's reported limit when smaller.</summary>
    public int LimitOf(SlotsSnapshot snapshot) =>
        Math.Max(1, Math.Min(_options.MaxConcurrentJobs, (snapshot ?? throw new ArgumentNullException(nameof(snapshot))).ReportedLimit ?? int.MaxValue));

    private bool ReclaimIsDue()
    {
        var now = time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextReclaimTicks);
        return now >= next && Interlocked.CompareExchange(ref _nextReclaimTicks, now + ReclaimEvery.Ticks, next) == next;
    }

    /// <summary>Frees slots whose holder is gone, finished, or back to Accepted for a while: a holder that died before giving its slot back.</summary>
    private async Task<int> ReclaimAbandonedAsync(CancellationToken cancellationToken)
    {
        var snapshot = await slots.ReadAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var freed = 0;
        foreach (var slot in snapshot.Slots.Where(s => s.Holder is not null))
        {
            var record = (await repository.GetAsync(slot.Holder!, cancellationToken).ConfigureAwait(false))?.Record;
            var abandoned = record is null || record.State.IsTerminal()
                || (record.State == OffboardingState.Accepted && now - (slot.HeldSince ?? now) > AcceptedHolderGrace);
            if (abandoned && await slots.TryFreeAsync(slot, cancellationToken).ConfigureAwait(false))
            {
                freed++;
                LogReclaimed(logger, slot.Key, slot.Holder!, record?.State.ToWireName() ?? "missing");
            }
        }

        return freed;
    }

    private async Task WakeOldestAsync(int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return;
        }

        // Slots freed at nearly the same time (one poll cycle sees several jobs end) must wake different waiters: one this
        // instance woke a moment ago is still on its way to its slot, and its row is still listed.
        var now = time.GetUtcNow();
        foreach (var (id, at) in _recentlyWoken)
        {
            if (now - at > RecentWake)
            {
                _recentlyWoken.TryRemove(id, out _);
            }
        }

        var woken = 0;
        foreach (var waiter in await slots.OldestWaitersAsync(count + _recentlyWoken.Count, cancellationToken).ConfigureAwait(false))
        {
            if (woken >= count)
            {
                break;
            }

            if (!_recentlyWoken.TryAdd(waiter.OffboardingId, now))
            {
                continue;
            }

            woken++;
            await dispatcher.SendAsync(new RequestMessage(waiter.OffboardingId, default, Wake: true), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A short description of the wait for the audit trail.</summary>
    public static string DescribeWait(int limit, int ahead) =>
        string.Create(CultureInfo.InvariantCulture, $"waiting for a Zoho job slot: all {limit} are in use; {(ahead >= MaxAheadCounted ? "at least " : "")}{ahead} offboarding(s) waiting ahead of this one");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho reported a concurrent-job limit of {Limit}: admitting no more jobs than that")]
    private static partial void LogLimitLowered(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job slot {Slot} reclaimed from offboarding {OffboardingId} ({State})")]
    private static partial void LogReclaimed(ILogger logger, string slot, string offboardingId, string state);
}

/// <summary>What <see cref="JobAdmission.TryAcquireAsync"/> found: whether the transfer holds a slot, and the limit in force.</summary>
public readonly record struct SlotAttempt(bool Acquired, int Limit);
