using System.Collections.Concurrent;

namespace Zoho.Crm;

/// <summary>
/// What the user directory knows about transfer-and-delete jobs it has seen sent: which cached entries they make
/// unreliable, and what Zoho said about those users once the job had run.
/// </summary>
/// <remarks>
/// A transfer-and-delete changes exactly two kinds of users when Zoho's job runs: the leaver (deleted) and the
/// leaver's direct reports (moved to another manager). The target is unchanged. So instead of dropping the whole
/// listing, only those entries are read again one by one (GET users/{id}) until Zoho shows the change; everyone
/// else keeps being served from the listing. When is unknown (the job runs later, and may fail), so an entry stays
/// suspect until Zoho shows the change, and a change seen is remembered until a listing shows it too.
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
    /// A new listing was read: leavers it shows deleted with nobody left reporting to them need no more watching,
    /// and remembered reads it agrees with are dropped. A listing read while a job ran may show part of its effects
    /// (its pages are read one after another), so anything it still shows as affected stays watched.
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
