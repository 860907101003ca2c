using Microsoft.Extensions.Logging;

namespace Zoho.Crm;

/// <summary>Zoho's rate limit (429 with Retry-After) is the org's, so every concurrent call of the client waits it
/// out, not only the one that was refused.</summary>
internal sealed class ZohoRateLimitPause(TimeSpan maxPause, TimeProvider time, ILogger logger)
{
    // UTC ticks before which no call of this client is sent.
    private long _pausedUntilTicks;

    /// <summary>Holds every call until Zoho's Retry-After has passed, capped so a wild value cannot stall the client.</summary>
    public void PauseAll(TimeSpan retryAfter)
    {
        var capped = retryAfter < maxPause ? retryAfter : maxPause;
        var until = (time.GetUtcNow() + capped).UtcTicks;
        var seen = Interlocked.Read(ref _pausedUntilTicks);
        while (until > seen)
        {
            var previous = Interlocked.CompareExchange(ref _pausedUntilTicks, until, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>Waits out a pause in force before a call is sent, so the org's limit is not hit again at once.</summary>
    public async Task WaitAsync(ZohoOperation operation, CancellationToken cancellationToken)
    {
        var wait = new DateTimeOffset(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            // Nothing is sent while waiting: a timeout here is not ambiguous.
            ZohoLog.RateLimitWait(logger, operation, (long)wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
