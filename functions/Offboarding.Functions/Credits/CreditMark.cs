using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Credits;

/// <summary>
/// Zoho's "credits exhausted" as every instance sees it: a mark row in <see cref="CreditTable"/> (read at most every few
/// seconds, set here the moment this instance is refused). While it stands, one probe call at a time goes out, at a doubling
/// interval; the probe that gets through ends the episode.
/// </summary>
public sealed partial class CreditMark(
    CreditTable table,
    CreditEvents events,
    OffboardingMetrics metrics,
    IOptions<CreditOptions> options,
    TimeProvider time,
    ILogger<CreditMark> logger)
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(5);

    private readonly CreditOptions _options = options.Value;
    private int _reading;
    private volatile Seen _last = new(DateTimeOffset.MinValue, null);

    // Every change of what this instance knows also sets the alert rules' gauge.
    private Seen Known
    {
        get => _last;
        set
        {
            _last = value;
            metrics.CreditsSeen(value.Mark is not null);
        }
    }

    /// <summary>The episode in force, or null; as read at most a few seconds ago (storage down: as last read).</summary>
    public async ValueTask<CreditMarkRow?> CurrentAsync(CancellationToken cancellationToken)
    {
        var seen = Known;
        var now = time.GetUtcNow();
        if (now - seen.At < ReadEvery || Interlocked.CompareExchange(ref _reading, 1, 0) != 0)
        {
            // Fresh enough, or being read by another call right now: the last read stands meanwhile.
            return seen.Mark;
        }

        try
        {
            var mark = await table.ReadMarkAsync(cancellationToken).ConfigureAwait(false);
            Known = new Seen(now, mark);
            return mark;
        }
        catch (RequestFailedException ex)
        {
            LogReadFailed(logger, ex.Status);
            return seen.Mark;
        }
        finally
        {
            Interlocked.Exchange(ref _reading, 0);
        }
    }

    /// <summary>Claims the probe of <paramref name="mark"/> if it is due: only one instance wins it, and the next one is due an
    /// interval later in case this probe's answer never comes.</summary>
    public async ValueTask<bool> TryTakeProbeAsync(CreditMarkRow mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mark);
        var now = time.GetUtcNow();
        if (now < mark.NextProbeAt || mark.ETag == default)
        {
            // Not due; or known only from this instance's own write, not yet read back with its ETag.
            return false;
        }

        var taken = mark with { NextProbeAt = now + mark.ProbeInterval };
        if (!await table.TryUpdateMarkAsync(taken, cancellationToken).ConfigureAwait(false))
        {
            Known = new Seen(DateTimeOffset.MinValue, mark);
            return false;
        }

        // Read again before the next decision: the row's ETag changed with the claim.
        Known = new Seen(DateTimeOffset.MinValue, taken with { ETag = default });
        LogProbing(logger, mark.EpisodeId);
        return true;
    }

    /// <summary>Zoho refused a call for exhausted credits: this instance holds its calls at once; the first refusal starts an
    /// episode (and its event), a refused probe doubles the interval to the next.</summary>
    public async Task ExhaustedAsync(bool probe, CancellationToken cancellationToken)
    {
        if (Known.Mark is null)
        {
            // Held here at once, before storage is asked: should it fail to answer, this instance still holds its calls.
            var now = time.GetUtcNow();
            Known = new Seen(now, NewEpisode(string.Empty, now));
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var mark = await table.ReadMarkAsync(cancellationToken).ConfigureAwait(false);
            if (mark is null)
            {
                var started = NewEpisode(Guid.NewGuid().ToString("N"), now);
                Known = new Seen(now, started);
                if (await table.TryStartMarkAsync(started, cancellationToken).ConfigureAwait(false))
                {
                    LogExhausted(logger, started.EpisodeId, started.NextProbeAt);
                    await events.PublishAsync(events.CreateExhausted(started), cancellationToken).ConfigureAwait(false);
                    Known = new Seen(DateTimeOffset.MinValue, started);
                    return;
                }

                continue;
            }

            if (!probe)
            {
                // A call already on its way when the credits ran out: the episode it belongs to is under way.
                Known = new Seen(now, mark);
                return;
            }

            var interval = mark.ProbeInterval * 2 < _options.CreditProbeMaxInterval ? mark.ProbeInterval * 2 : _options.CreditProbeMaxInterval;
            var longer = mark with { NextProbeAt = now + interval, ProbeInterval = interval, Refusals = mark.Refusals + 1 };
            Known = new Seen(now, longer);
            if (await table.TryUpdateMarkAsync(longer, cancellationToken).ConfigureAwait(false))
            {
                LogProbeRefused(logger, mark.EpisodeId, longer.NextProbeAt);
                Known = new Seen(DateTimeOffset.MinValue, longer);
                return;
            }
        }
    }

    /// <summary>A probe went through: the episode ends for every instance, and <c>zoho.credits.resumed</c> says so.</summary>
    public async Task ResumedAsync(CancellationToken cancellationToken)
    {
        var mark = await table.ReadMarkAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (mark is null || !await table.TryClearMarkAsync(mark, cancellationToken).ConfigureAwait(false))
        {
            Known = new Seen(DateTimeOffset.MinValue, Known.Mark);
            return;
        }

        Known = new Seen(now, null);
        LogResumed(logger, mark.EpisodeId, now - mark.Since);
        await events.PublishAsync(events.CreateResumed(mark, now), cancellationToken).ConfigureAwait(false);
    }

    // An episode that starts now with its first refusal; its first probe one interval later.
    private CreditMarkRow NewEpisode(string episodeId, DateTimeOffset now) =>
        new(episodeId, now, now + _options.CreditProbeInterval, _options.CreditProbeInterval, 1);

    private sealed record Seen(DateTimeOffset At, CreditMarkRow? Mark);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho API credits are exhausted (episode {EpisodeId}): Zoho calls wait; the first probe at {NextProbeAt:O}")]
    private static partial void LogExhausted(ILogger logger, string episodeId, DateTimeOffset nextProbeAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho API credits (episode {EpisodeId}): sending a probe call")]
    private static partial void LogProbing(ILogger logger, string episodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho API credits still exhausted (episode {EpisodeId}): next probe at {NextProbeAt:O}")]
    private static partial void LogProbeRefused(ILogger logger, string episodeId, DateTimeOffset nextProbeAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho API credits are back (episode {EpisodeId}, out for {Duration})")]
    private static partial void LogResumed(ILogger logger, string episodeId, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Zoho credit mark could not be read (status {Status}); using the last read")]
    private static partial void LogReadFailed(ILogger logger, int status);
}
