using System.Collections.Concurrent;

namespace Offboarding.Functions.Batches;

/// <summary>The next people of a running batch, read a page at a time and handed out from memory. A read of the waiting people
/// is a query over the batch's rows (Azurite answers one by scanning the whole table), so the dispatcher's 200 ms cycles must
/// not each make one: at 10,000 people that was five scans of 20,000 rows a second.</summary>
public sealed class WaitingLine(BatchStore store)
{
    /// <summary>People read at once.</summary>
    public const int PageSize = 1000;

    /// <summary>How long a page is handed out before it is read again: someone whose effective time came meanwhile joins then.</summary>
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    /// <summary>How long an empty read stands (the batch's end, or people not due yet): cycles then read once a second, not five times.</summary>
    private static readonly TimeSpan EmptyFreshness = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Page> _pages = new(StringComparer.Ordinal);

    /// <summary>Up to <paramref name="max"/> people of <paramref name="batchId"/> due by <paramref name="now"/>, in line order,
    /// each handed out once per read; the caller starts them or calls <see cref="Forget"/>.</summary>
    public async Task<IReadOnlyList<BatchMember>> NextAsync(string batchId, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }

        if (!_pages.TryGetValue(batchId, out var page) || page.IsStale(now))
        {
            page = new Page(await store.NextWaitingAsync(batchId, now, PageSize, cancellationToken).ConfigureAwait(false), now);
            _pages[batchId] = page;
        }

        return page.Take(max);
    }

    /// <summary>Drops what was read of <paramref name="batchId"/> (people handed out but not started, or a batch that ended): the next call reads again.</summary>
    public void Forget(string batchId) => _pages.TryRemove(batchId, out _);

    private sealed class Page(IReadOnlyList<BatchMember> members, DateTimeOffset readAt)
    {
        private readonly Queue<BatchMember> _left = new(members);

        public bool IsStale(DateTimeOffset now)
        {
            lock (_left)
            {
                return now - readAt >= (_left.Count == 0 ? EmptyFreshness : Freshness);
            }
        }

        public List<BatchMember> Take(int max)
        {
            lock (_left)
            {
                var taken = new List<BatchMember>(Math.Min(max, _left.Count));
                while (taken.Count < max && _left.TryDequeue(out var member))
                {
                    taken.Add(member);
                }

                return taken;
            }
        }
    }
}
