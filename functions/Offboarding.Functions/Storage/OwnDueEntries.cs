using System.Collections.Concurrent;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>The due entries this instance last wrote for running jobs and unknown outcomes, in memory: the work it polls
/// itself (<c>Transfer/OwnDuePoller</c>). A hint, like the due index: the record's <c>DueKey</c> is the truth.</summary>
public sealed class OwnDueEntries
{
    private readonly ConcurrentDictionary<string, DueEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>Keeps <paramref name="record"/>'s due entry as just written, or forgets it when there is nothing to poll.</summary>
    public void Track(OffboardingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record is { State: OffboardingState.Submitted or OffboardingState.Verifying, DueKey: { } key })
        {
            _entries[record.Id] = new DueEntry(key, record.Id);
        }
        else
        {
            _entries.TryRemove(record.Id, out _);
        }
    }

    /// <summary>The entries due at or before <paramref name="time"/>, oldest first.</summary>
    public IReadOnlyList<DueEntry> DueBy(DateTimeOffset time) =>
        [.. _entries.Values.Where(e => DueIndex.DueTimeOf(e.Key) <= time).OrderBy(e => e.Key, StringComparer.Ordinal)];

    /// <summary>Forgets <paramref name="entry"/> unless the record has been given a newer one meanwhile.</summary>
    public void Forget(DueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.TryRemove(KeyValuePair.Create(entry.OffboardingId, entry));
    }
}
