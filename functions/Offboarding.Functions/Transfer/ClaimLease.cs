using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>A held Submitting claim, renewed in the background. Its <see cref="Token"/> is cancelled when the claim is lost
/// (someone else wrote the record, or storage refused renewals for half a lease), so no Zoho call starts under it then.</summary>
public sealed class ClaimLease : IAsyncDisposable
{
    private readonly ClaimRenewal _renewal;
    private readonly CancellationTokenSource _work;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private StoredOffboarding _current;
    private DateTimeOffset _renewedAt;
    private DateTimeOffset _attemptedAt;

    internal ClaimLease(StoredOffboarding claimed, ClaimRenewal renewal, CancellationToken cancellationToken)
    {
        _current = claimed;
        _renewal = renewal;
        _renewedAt = claimed.Record.ClaimAliveAt ?? renewal.Now;
        _work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = Task.Run(() => RenewAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>The token for the work under the claim: the caller's, also cancelled when the claim is lost.</summary>
    public CancellationToken Token => _work.Token;

    public bool IsLost { get; private set; }

    /// <summary>Stops renewing; the claimed record with the ETag of the latest renewal, for the write that ends the claim.</summary>
    public async Task<StoredOffboarding> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        return _current;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _work.Dispose();
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        while (!IsLost)
        {
            try
            {
                await _renewal.DelayAsync(stop).ConfigureAwait(false);
                // Whole milliseconds: the time is compared with what storage gives back (AdoptAsync).
                var now = _renewal.Now;
                _attemptedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
                var etag = await _renewal.TryRenewAsync(_current, _attemptedAt, stop).ConfigureAwait(false)
                    ?? await AdoptAsync(stop).ConfigureAwait(false);
                if (etag is null)
                {
                    await LoseAsync("the record was changed by someone else").ConfigureAwait(false);
                    return;
                }

                _current.Record.ClaimRenewedAt = _attemptedAt;
                _current = _current with { ETag = etag.Value };
                _renewedAt = _attemptedAt;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Storage failed this renewal: the next may succeed, but not past the point where the claim may lapse.
                if (_renewal.Now - _renewedAt >= _renewal.GiveUpAfter)
                {
                    await LoseAsync($"not renewed for {(_renewal.Now - _renewedAt).TotalSeconds:0} s: {ex.GetType().Name}").ConfigureAwait(false);
                    return;
                }
            }
        }
    }

    // A renewal refused for its ETag may be this very renewal landing with its answer lost (the SDK retried it): still ours
    // if the record is still this claim, as this holder left it, with this renewal's time.
    private async Task<Azure.ETag?> AdoptAsync(CancellationToken stop)
    {
        var fresh = await _renewal.ReadAsync(_current.Record.Id, stop).ConfigureAwait(false);
        var mine = _current.Record;
        return fresh is { Record: { State: OffboardingState.Submitting } theirs }
            && theirs.SubmittingSince == mine.SubmittingSince && theirs.DueKey == mine.DueKey && theirs.ClaimRenewedAt == _attemptedAt
            ? fresh.ETag
            : null;
    }

    private async Task LoseAsync(string why)
    {
        IsLost = true;
        _renewal.Lost(_current.Record.Id, why);
        await _work.CancelAsync().ConfigureAwait(false);
    }
}
