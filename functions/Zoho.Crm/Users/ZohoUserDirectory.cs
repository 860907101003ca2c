using Microsoft.Extensions.Logging;

namespace Zoho.Crm;

/// <summary>
/// Zoho has no server-side search of users by email, so lookups read one full listing and keep it for a short
/// time: a burst of offboardings costs one listing, not one per request. Loading is single-flight.
/// </summary>
internal sealed class ZohoUserDirectory : IDisposable
{
    private readonly Func<CancellationToken, IAsyncEnumerable<ZohoUser>> _listAll;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private Snapshot? _snapshot;

    public ZohoUserDirectory(Func<CancellationToken, IAsyncEnumerable<ZohoUser>> listAll, TimeSpan ttl, TimeProvider time, ILogger logger)
    {
        _listAll = listAll;
        _ttl = ttl;
        _time = time;
        _logger = logger;
    }

    /// <summary>The best match for <paramref name="email"/> (case-insensitive): active over inactive over deleted.</summary>
    public async Task<ZohoUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var snapshot = await GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.ByEmail.TryGetValue(email.Trim(), out var matches)
            ? matches.OrderBy(Rank).First()
            : null;
    }

    /// <summary>Forget the listing, e.g. after users were deleted or added.</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    public void Dispose() => _loadGate.Dispose();

    private static int Rank(ZohoUser user) => user.Status switch
    {
        ZohoUserStatus.Active => 0,
        ZohoUserStatus.Deleted => 2,
        _ => 1,
    };

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _snapshot) is { } fresh && !IsExpired(fresh))
        {
            return fresh;
        }

        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _snapshot) is { } loaded && !IsExpired(loaded))
            {
                return loaded;
            }

            var byEmail = new Dictionary<string, List<ZohoUser>>(StringComparer.OrdinalIgnoreCase);
            var count = 0;
            await foreach (var user in _listAll(cancellationToken).ConfigureAwait(false))
            {
                count++;
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

            var snapshot = new Snapshot(byEmail, _time.GetUtcNow());
            ZohoLog.DirectoryLoaded(_logger, count, byEmail.Count);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    private bool IsExpired(Snapshot snapshot) => _time.GetUtcNow() - snapshot.LoadedOn >= _ttl;

    private sealed record Snapshot(Dictionary<string, List<ZohoUser>> ByEmail, DateTimeOffset LoadedOn);
}
