using Microsoft.Extensions.Logging;

namespace Zoho.Crm;

/// <summary>
/// One cached, single-flight user listing for lookups by email and id: Zoho cannot search users by email, and a burst
/// of offboardings should cost one listing, not one per request.
/// </summary>
/// <remarks>
/// A transfer-and-delete does not drop the listing (<see cref="PendingTransferEffects"/>). A miss is not trusted: the
/// listing is paged by position without deleted users, so deletions can skip others; it is read again (at most once per
/// <see cref="MissReloadInterval"/>).
/// </remarks>
internal sealed class ZohoUserDirectory(
    Func<CancellationToken, IAsyncEnumerable<ZohoUser>> listAll,
    Func<string, CancellationToken, Task<ZohoUser?>> readOne,
    TimeSpan ttl,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    /// <summary>How old a listing must be before a miss in it makes the directory read the listing again.</summary>
    public static readonly TimeSpan MissReloadInterval = TimeSpan.FromSeconds(2);

    private readonly Func<CancellationToken, IAsyncEnumerable<ZohoUser>> _listAll = listAll;
    private readonly Func<string, CancellationToken, Task<ZohoUser?>> _readOne = readOne;
    private readonly TimeSpan _ttl = ttl;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private readonly PendingTransferEffects _pending = new();
    private Snapshot? _snapshot;

    /// <summary>The best match for <paramref name="email"/> (case-insensitive): active over inactive over deleted.</summary>
    public async Task<ZohoUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var key = email.Trim();
        var snapshot = await GetSnapshotAsync(null, cancellationToken).ConfigureAwait(false);
        if (!snapshot.ByEmail.ContainsKey(key) && _time.GetUtcNow() - snapshot.LoadedOn >= MissReloadInterval)
        {
            snapshot = await GetSnapshotAsync(snapshot.LoadedOn, cancellationToken).ConfigureAwait(false);
        }

        if (!snapshot.ByEmail.TryGetValue(key, out var cached))
        {
            return null;
        }

        var current = new List<ZohoUser>(cached.Count);
        foreach (var user in cached)
        {
            // A fresh read that shows another email no longer answers this lookup.
            if (await CurrentAsync(user, cancellationToken).ConfigureAwait(false) is { } now &&
                (now.Email is null || string.Equals(now.Email.Trim(), key, StringComparison.OrdinalIgnoreCase)))
            {
                current.Add(now);
            }
        }

        return current.OrderBy(Rank).FirstOrDefault();
    }

    /// <summary>
    /// The user with this id from the cached listing, read fresh when a pending job may have changed them. An id the listing
    /// lacks is read with one GET, since a listing's miss proves nothing and a GET costs less than a new listing.
    /// </summary>
    public async Task<ZohoUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        var snapshot = await GetSnapshotAsync(null, cancellationToken).ConfigureAwait(false);
        if (snapshot.ById.TryGetValue(userId, out var cached))
        {
            return await CurrentAsync(cached, cancellationToken).ConfigureAwait(false);
        }

        var fresh = await _readOne(userId, cancellationToken).ConfigureAwait(false);
        ZohoLog.DirectoryMissReadDirectly(_logger, userId, fresh?.RawStatus);
        return fresh;
    }

    /// <summary>Forget the listing, e.g. after users were deleted or added.</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    /// <summary>A transfer-and-delete of this user may have been scheduled: its leaver and their reports are read
    /// again until Zoho shows the change.</summary>
    public void ExpectTransferAndDelete(string userId) => _pending.Expect(userId);

    public void Dispose() => _loadGate.Dispose();

    private static int Rank(ZohoUser user) => user.Status switch
    {
        ZohoUserStatus.Active => 0,
        ZohoUserStatus.Deleted => 2,
        _ => 1,
    };

    /// <summary>The cached entry, unless a transfer-and-delete job makes it unreliable: then what Zoho says now (null when gone).</summary>
    private async Task<ZohoUser?> CurrentAsync(ZohoUser cached, CancellationToken cancellationToken)
    {
        if (_pending.TryGetSettled(cached.Id, out var settled))
        {
            return settled;
        }

        if (!_pending.Affects(cached))
        {
            return cached;
        }

        var fresh = await _readOne(cached.Id, cancellationToken).ConfigureAwait(false);
        _pending.Observe(cached, fresh);
        ZohoLog.DirectoryEntryReread(_logger, cached.Id, fresh?.RawStatus);
        return fresh;
    }

    // replacing: a listing no longer to be trusted; one loaded at or before that time is read again.
    private async Task<Snapshot> GetSnapshotAsync(DateTimeOffset? replacing, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _snapshot) is { } fresh && Usable(fresh, replacing))
        {
            return fresh;
        }

        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Single-flight: whoever waited behind a load uses its result.
            if (Volatile.Read(ref _snapshot) is { } loaded && Usable(loaded, replacing))
            {
                return loaded;
            }

            var byEmail = new Dictionary<string, List<ZohoUser>>(StringComparer.OrdinalIgnoreCase);
            var byId = new Dictionary<string, ZohoUser>(StringComparer.Ordinal);
            var managers = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var user in _listAll(cancellationToken).ConfigureAwait(false))
            {
                byId[user.Id] = user;
                if (user.ReportingToId is { } manager)
                {
                    managers.Add(manager);
                }

                if (string.IsNullOrWhiteSpace(user.Email))
                {
                    continue;
                }

                var key = user.Email.Trim();
                if (!byEmail.TryGetValue(key, out var list))
                {
                    byEmail[key] = list = [];
                }

                list.Add(user);
            }

            _pending.Reconcile(byId, managers);
            var snapshot = new Snapshot(byEmail, byId, _time.GetUtcNow());
            ZohoLog.DirectoryLoaded(_logger, byId.Count, byEmail.Count);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    private bool Usable(Snapshot snapshot, DateTimeOffset? replacing) =>
        _time.GetUtcNow() - snapshot.LoadedOn < _ttl && (replacing is null || snapshot.LoadedOn > replacing);

    private sealed record Snapshot(Dictionary<string, List<ZohoUser>> ByEmail, Dictionary<string, ZohoUser> ById, DateTimeOffset LoadedOn);
}
