using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Credits;

/// <summary>
/// The app's own Zoho credit spend over the rolling window: this instance's exactly, in per-minute buckets written to
/// <see cref="CreditTable"/> in the background, and the other instances' as last read (a few seconds old at most).
/// </summary>
/// <remarks>A credit counts until the end of its bucket plus the window, a little longer than Zoho counts it, so a spend the
/// ledger allows is never over the budget in any window. Buckets are a bucket long, shorter only for windows under an hour
/// (a sixtieth of the window, at least a second), so that a short window in a test is not counted twice as long.</remarks>
public sealed partial class CreditLedger(CreditTable table, IOptions<CreditOptions> options, TimeProvider time, ILogger<CreditLedger> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan OthersFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FlushAfter = TimeSpan.FromSeconds(2);

    private readonly TimeSpan _window = options.Value.CreditWindow;
    private readonly long _bucketSeconds = BucketSeconds(options.Value.CreditWindow);
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, int> _mine = [];
    private readonly HashSet<long> _unwritten = [];
    private int _reading;
    private IReadOnlyList<CreditSpendRow> _others = [];
    private DateTimeOffset _othersReadAt = DateTimeOffset.MinValue;
    private int _flushScheduled;

    /// <summary>This process's name in the spend rows.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>Counts one credit now if the spend stays within <paramref name="limit"/>; false (nothing counted) when it would not.</summary>
    public async ValueTask<bool> TrySpendAsync(long limit, CancellationToken cancellationToken)
    {
        if (limit != long.MaxValue)
        {
            await RefreshOthersAsync(force: false, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (limit != long.MaxValue && SpentLocked(now) + 1 > limit)
            {
                return false;
            }

            Add(BucketOf(now), 1);
        }

        ScheduleFlush();
        return true;
    }

    /// <summary>Takes back a credit counted for a call Zoho refused for exhausted credits (Zoho charges none for it).</summary>
    public void Refund()
    {
        lock (_gate)
        {
            var bucket = BucketOf(time.GetUtcNow());
            if (_mine.TryGetValue(bucket, out var credits) && credits > 0)
            {
                Add(bucket, -1);
            }
        }

        ScheduleFlush();
    }

    /// <summary>Spent within the window now, by every instance (the others as read at most a few seconds ago).</summary>
    public async Task<CreditSpend> ReadAsync(bool fresh, CancellationToken cancellationToken)
    {
        await RefreshOthersAsync(fresh, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var buckets = BucketsLocked(now);
            return new CreditSpend(buckets.Sum(b => (long)b.Credits), buckets.Count == 0 ? null : FreesAt(buckets[0].Bucket), buckets);
        }
    }

    /// <summary>When <paramref name="needed"/> more credits fit within <paramref name="limit"/>: now, or as the oldest spend frees up.</summary>
    public DateTimeOffset FitsAt(CreditSpend spend, long needed, long limit)
    {
        ArgumentNullException.ThrowIfNull(spend);
        var now = time.GetUtcNow();
        var over = spend.Spent + needed - limit;
        if (over <= 0 || limit == long.MaxValue)
        {
            return now;
        }

        foreach (var (bucket, credits) in spend.Buckets)
        {
            over -= credits;
            if (over <= 0)
            {
                return FreesAt(bucket);
            }
        }

        // More than one window's worth: it fits once the whole window has turned over.
        return now + _window;
    }

    /// <summary>When a credit spent in the bucket starting at <paramref name="bucket"/> no longer counts.</summary>
    public DateTimeOffset FreesAt(long bucket) => DateTimeOffset.FromUnixTimeSeconds(bucket + _bucketSeconds) + _window;

    /// <summary>The start (Unix seconds) of the bucket <paramref name="at"/> falls in.</summary>
    private long BucketOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / _bucketSeconds * _bucketSeconds;

    private static long BucketSeconds(TimeSpan window) => Math.Clamp((long)window.TotalSeconds / 60, 1, 60);

    private long SpentLocked(DateTimeOffset now) => BucketsLocked(now).Sum(b => (long)b.Credits);

    /// <summary>Every instance's spend still counted, per bucket, oldest first.</summary>
    private List<(long Bucket, int Credits)> BucketsLocked(DateTimeOffset now)
    {
        var merged = new SortedDictionary<long, int>(_mine);
        foreach (var row in _others)
        {
            merged[row.Bucket] = merged.GetValueOrDefault(row.Bucket) + row.Credits;
        }

        return [.. merged.Where(p => FreesAt(p.Key) > now && p.Value > 0).Select(p => (p.Key, p.Value))];
    }

    private void Add(long bucket, int credits)
    {
        _mine[bucket] = _mine.GetValueOrDefault(bucket) + credits;
        _unwritten.Add(bucket);
    }

    private async Task RefreshOthersAsync(bool force, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!force && (now - _othersReadAt < OthersFor || Interlocked.CompareExchange(ref _reading, 1, 0) != 0))
        {
            return;
        }

        try
        {
            var rows = await table.ReadSpendAsync(BucketOf(now - _window) - _bucketSeconds, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _others = [.. rows.Where(r => r.Instance != Instance)];
                _othersReadAt = now;
            }
        }
        catch (RequestFailedException ex)
        {
            // Storage is down: the others' spend as last read, and this instance's exact spend, still bound the calls.
            LogReadFailed(logger, ex.Status);
        }
        finally
        {
            if (!force)
            {
                Interlocked.Exchange(ref _reading, 0);
            }
        }
    }

    private void ScheduleFlush()
    {
        if (Interlocked.CompareExchange(ref _flushScheduled, 1, 0) == 0)
        {
            _ = FlushSoonAsync();
        }
    }

    // Written a moment later, in the background: a Zoho call never waits for a storage write, and a burst of calls makes one
    // write per bucket rather than one per call.
    private async Task FlushSoonAsync()
    {
        await Task.Delay(FlushAfter, time).ConfigureAwait(false);
        Interlocked.Exchange(ref _flushScheduled, 0);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Writes this instance's changed buckets now (the background write does it a moment after each spend).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<(long Bucket, int Credits)> changed;
        lock (_gate)
        {
            var oldest = BucketOf(time.GetUtcNow() - _window) - _bucketSeconds;
            foreach (var stale in _mine.Keys.Where(m => m < oldest).ToList())
            {
                _mine.Remove(stale);
            }

            changed = [.. _unwritten.Select(m => (m, _mine.GetValueOrDefault(m)))];
            _unwritten.Clear();
        }

        foreach (var (bucket, credits) in changed)
        {
            try
            {
                await table.WriteSpendAsync(bucket, Instance, credits, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                lock (_gate)
                {
                    _unwritten.Add(bucket);
                }

                LogWriteFailed(logger, ex.Status);
                ScheduleFlush();
                return;
            }
        }
    }

    /// <summary>On shutdown, what is not yet written is written now rather than by a background write left behind.</summary>
    public async ValueTask DisposeAsync() => await FlushAsync(CancellationToken.None).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credit ledger: the other instances' spend could not be read (status {Status}); using the last read")]
    private static partial void LogReadFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credit ledger: this instance's spend could not be written (status {Status}); trying again shortly")]
    private static partial void LogWriteFailed(ILogger logger, int status);
}

/// <summary>The app's spend within the window: the total, when the oldest of it frees up, and the per-minute buckets.</summary>
public sealed record CreditSpend(long Spent, DateTimeOffset? NextFreeAt, IReadOnlyList<(long Bucket, int Credits)> Buckets);
