using System.Collections.Concurrent;

namespace Zoho.Crm;

/// <summary>
/// What the user directory knows about transfer-and-delete jobs it has seen sent: which cached entries they make
/// unreliable, and what Zoho said about those users once the job had run.
/// </summary>
/// <remarks>
/// A job changes only the leaver (deleted) and their direct reports (new manager), so only those are read again until
/// Zoho shows the change, instead of dropping the listing; a change seen is kept until a listing shows it too.
/// </remarks>
internal sealed class PendingTransferEffects
{
    // Leavers whose transfer-and-delete was sent and whose effects no listing has shown yet.
    private readonly ConcurrentDictionary<string, byte> _leavers = new(StringComparer.Ordinal);

    // Users read fresh after their leaver's job had run (null: Zoho no longer knows them); newer than the listing.
    private readonly ConcurrentDictionary<string, ZohoUser?> _settled = new(StringComparer.Ordinal);

    /// <summary>A transfer-and-delete of <paramref name="leaverId"/> may have been scheduled.</summary>
    public void Expect(string leaverId)
    {
        _leavers.TryAdd(leaverId, 0);
        _settled.TryRemove(leaverId, out _);
    }

    /// <summary>The latest known state of a user that a job has changed, when one was seen after the listing.</summary>
    public bool TryGetSettled(string userId, out ZohoUser? user) => _settled.TryGetValue(userId, out user);

    /// <summary>Whether a pending job will change this cached user (the leaver, or one of the leaver's reports).</summary>
    public bool Affects(ZohoUser cached) =>
        _leavers.ContainsKey(cached.Id) || (cached.ReportingToId is { } manager && _leavers.ContainsKey(manager));

    /// <summary>Takes a fresh read of an affected user; once it shows the job has run, it replaces the cached entry.</summary>
    public void Observe(ZohoUser cached, ZohoUser? fresh)
    {
        if (HasRun(cached, fresh))
        {
            _settled[cached.Id] = fresh;
        }
    }

    /// <summary>
    /// A new listing was read: drops what it confirms. A listing read while a job ran may show only part of the job's
    /// effects (its pages are read one after another), so anything it still shows as affected stays watched.
    /// </summary>
    public void Reconcile(IReadOnlyDictionary<string, ZohoUser> listedById, IReadOnlySet<string> listedManagers)
    {
        foreach (var leaverId in _leavers.Keys)
        {
            var gone = !listedById.TryGetValue(leaverId, out var listed) || listed.Status == ZohoUserStatus.Deleted;
            if (gone && !listedManagers.Contains(leaverId))
            {
                _leavers.TryRemove(leaverId, out _);
            }
        }

        foreach (var userId in _settled.Keys)
        {
            if (!listedById.TryGetValue(userId, out var listed) || !Affects(listed))
            {
                _settled.TryRemove(userId, out _);
            }
        }
    }

    private bool HasRun(ZohoUser cached, ZohoUser? fresh)
    {
        if (fresh is null || fresh.Status == ZohoUserStatus.Deleted)
        {
            return true;
        }

        // A leaver has to be deleted; a report of a leaver only has to have moved to another manager.
        return !_leavers.ContainsKey(cached.Id) && !string.Equals(fresh.ReportingToId, cached.ReportingToId, StringComparison.Ordinal);
    }
}
