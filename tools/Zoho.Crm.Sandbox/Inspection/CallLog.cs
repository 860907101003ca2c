using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Sandbox.Inspection;

/// <summary>Every Zoho call the sandbox answered (control calls excluded), in arrival order of completion.</summary>
public sealed class CallLog
{
    private readonly Lock _lock = new();
    private readonly List<CallLogEntry> _entries = [];
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(CallLogEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }

    public IReadOnlyList<CallLogEntry> Entries()
    {
        lock (_lock)
        {
            return [.. _entries.OrderBy(e => e.Sequence)];
        }
    }

    public IReadOnlyList<CallCount> Counts()
    {
        lock (_lock)
        {
            return
            [
                .. _entries
                    .GroupBy(e => (e.Endpoint, e.Status, e.Code))
                    .Select(g => new CallCount(g.Key.Endpoint, g.Key.Status, g.Key.Code, g.Count()))
                    .OrderBy(c => c.Endpoint, StringComparer.Ordinal).ThenBy(c => c.Status),
            ];
        }
    }

    /// <summary>How many calls match every given filter (null filters match all).</summary>
    public int Count(string? endpoint, int? status, string? code, string? userId)
    {
        lock (_lock)
        {
            return _entries.Count(e => (endpoint is null || e.Endpoint == endpoint)
                && (status is null || e.Status == status)
                && (code is null || e.Code == code)
                && (userId is null || e.UserId == userId));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }
}
