using Azure;
using Azure.Data.Tables;

namespace Offboarding.LocalHost.Timers;

/// <summary>
/// A lock entity per timer function (PartitionKey <c>timer</c>, RowKey the function name) holding the owner, the
/// lease expiry and the last scheduled run. Taken and renewed with ETags, so of several instances exactly one
/// holds it; the holder records each run with its ETag too, so even a stale holder cannot run an occurrence twice.
/// </summary>
internal sealed class TimerLease(TableClient table, string functionName, string owner, TimeSpan duration, TimeProvider time) : IDisposable
{
    private const string Partition = "timer";
    private const string OwnerProperty = "Owner";
    private const string ExpiresOnProperty = "ExpiresOn";
    private const string LastScheduledProperty = "LastScheduled";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ETag _etag;
    private DateTimeOffset _expiresOn;
    private bool _tableCreated;

    public string Owner => owner;

    /// <summary>The last occurrence any instance ran, as of the last read; null before the first run ever.</summary>
    public DateTimeOffset? LastScheduled { get; private set; }

    public bool IsHeld => _etag != default && time.GetUtcNow() < _expiresOn;

    /// <summary>Takes the lease if it is free or expired, renews it if ours; false when another instance holds it.</summary>
    public async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_tableCreated)
            {
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _tableCreated = true;
            }

            var now = time.GetUtcNow();
            var expiresOn = now + duration;
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, functionName, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue)
            {
                var entity = new TableEntity(Partition, functionName) { [OwnerProperty] = owner, [ExpiresOnProperty] = expiresOn };
                return Held(await Conditional(() => table.AddEntityAsync(entity, cancellationToken)).ConfigureAwait(false), expiresOn);
            }

            var stored = existing.Value!;
            LastScheduled = stored.GetDateTimeOffset(LastScheduledProperty);
            var holder = stored.GetString(OwnerProperty);
            if (holder != owner && stored.GetDateTimeOffset(ExpiresOnProperty) is { } theirs && theirs > now)
            {
                return Held(default, default);
            }

            var claim = new TableEntity(Partition, functionName) { [OwnerProperty] = owner, [ExpiresOnProperty] = expiresOn };
            return Held(await Conditional(() => table.UpdateEntityAsync(claim, stored.ETag, TableUpdateMode.Merge, cancellationToken)).ConfigureAwait(false), expiresOn);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Claims the occurrence at <paramref name="scheduled"/>; false when the lease was lost meanwhile (then it must not run).</summary>
    public async Task<bool> TryRecordRunAsync(DateTimeOffset scheduled, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsHeld)
            {
                return false;
            }

            var run = new TableEntity(Partition, functionName) { [OwnerProperty] = owner, [LastScheduledProperty] = scheduled };
            var etag = await Conditional(() => table.UpdateEntityAsync(run, _etag, TableUpdateMode.Merge, cancellationToken)).ConfigureAwait(false);
            if (etag == default)
            {
                Held(default, default);
                return false;
            }

            _etag = etag;
            LastScheduled = scheduled;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives the lease up (on shutdown) so another instance takes over without waiting for it to expire.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsHeld)
            {
                return;
            }

            var released = new TableEntity(Partition, functionName) { [ExpiresOnProperty] = time.GetUtcNow() };
            await Conditional(() => table.UpdateEntityAsync(released, _etag, TableUpdateMode.Merge, cancellationToken)).ConfigureAwait(false);
            Held(default, default);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Runs a conditional write; a lost race (409 exists, 412 changed, 404 deleted) is an empty ETag, not an error.</summary>
    private static async Task<ETag> Conditional(Func<Task<Response>> write)
    {
        try
        {
            return (await write().ConfigureAwait(false)).Headers.ETag.GetValueOrDefault();
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return default;
        }
    }

    private bool Held(ETag etag, DateTimeOffset expiresOn)
    {
        _etag = etag;
        _expiresOn = expiresOn;
        return etag != default;
    }
}
