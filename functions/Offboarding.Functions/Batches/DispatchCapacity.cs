using System.Collections.Concurrent;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Batches;

/// <summary>How many more people a dispatch cycle may start: Zoho job slots free, less the transfers already waiting for one
/// (waiter rows) and the people started lately that hold neither a slot nor a waiter row yet (on their way to a slot).</summary>
public sealed class DispatchCapacity(JobSlots slots, JobAdmission admission, TimeProvider time)
{
    /// <summary>A started person not yet seen holding a slot or waiting for one is counted as on its way for this long.</summary>
    private static readonly TimeSpan OnTheWay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _onTheWay = new(StringComparer.Ordinal);

    /// <summary>People that may be started now (zero or more).</summary>
    public async Task<int> FreeAsync(CancellationToken cancellationToken)
    {
        var snapshot = await slots.ReadAsync(cancellationToken).ConfigureAwait(false);
        var limit = admission.LimitOf(snapshot);
        var holders = snapshot.Slots.Where(s => s.Holder is not null).Select(s => s.Holder!).ToHashSet(StringComparer.Ordinal);
        // With as many waiters as slots not held, nobody is started whatever the rest: no more are read than that.
        var unheld = limit - holders.Count;
        var waiting = unheld <= 0 ? [] : (await slots.OldestWaitersAsync(unheld, cancellationToken).ConfigureAwait(false))
            .Select(w => w.OffboardingId).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var (id, at) in _onTheWay)
        {
            if (holders.Contains(id) || waiting.Contains(id) || now - at > OnTheWay)
            {
                _onTheWay.TryRemove(id, out _);
            }
        }

        return Math.Max(0, limit - holders.Count - waiting.Count - _onTheWay.Count);
    }

    /// <summary>Counts <paramref name="offboardingIds"/> as on their way to a slot until they hold one or wait for one.</summary>
    public void Started(IEnumerable<string> offboardingIds)
    {
        ArgumentNullException.ThrowIfNull(offboardingIds);
        var now = time.GetUtcNow();
        foreach (var id in offboardingIds)
        {
            _onTheWay[id] = now;
        }
    }
}
