using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>Timer: one cycle over the due index (job status polls, unknown outcomes re-checked, stuck transfers queued
/// again, unpublished events sent), with bounded concurrency so one bad entry never holds up the rest.</summary>
public sealed partial class PollHandler(
    OffboardingRepository repository,
    DueEntryHandler entries,
    IOptions<PollOptions> options,
    OffboardingMetrics metrics,
    TimeProvider time,
    ILogger<PollHandler> logger)
{
    /// <summary>How far ahead of its start one cycle takes due entries (it lasts at least that long when it finds one).</summary>
    public static readonly TimeSpan MaxLookAhead = TimeSpan.FromSeconds(10);

    private readonly PollOptions _options = options.Value;

    /// <summary>How long a due entry is left to the instance that wrote it (<see cref="OwnDuePoller"/>) before the timer's
    /// cycle takes it: one still due this late has lost its instance (died, restarted) or that instance is far behind.</summary>
    public static readonly TimeSpan OwnerGrace = TimeSpan.FromSeconds(5);

    /// <summary>One cycle; returns how many due entries it handled. Entries due before <paramref name="nextCycle"/> (less
    /// <paramref name="ownerGrace"/>) are handled at their due time plus that grace, so an entry an instance lost is polled
    /// within seconds of when its owner would have polled it, and one its owner looks after is not polled twice.</summary>
    public async Task<int> RunCycleAsync(CancellationToken cancellationToken, DateTimeOffset? nextCycle = null, TimeSpan ownerGrace = default)
    {
        metrics.PollCycle();
        var start = time.GetUtcNow();
        var until = nextCycle is { } next && next > start ? (next - start < MaxLookAhead ? next : start + MaxLookAhead) : start;
        var due = new List<DueEntry>();
        await foreach (var entry in repository.DueAsync(until - ownerGrace, _options.MaxDuePerCycle, cancellationToken).ConfigureAwait(false))
        {
            due.Add(entry);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (entry, ct) =>
        {
            try
            {
                // Entries come oldest first, so a worker waiting here holds back nothing that is due earlier. A timer may
                // fire a little before the wall clock reaches its time (the two clocks differ): wait again until it has.
                var at = DueIndex.DueTimeOf(entry.Key) + ownerGrace;
                for (var wait = at - time.GetUtcNow(); wait > TimeSpan.Zero; wait = at - time.GetUtcNow())
                {
                    await Task.Delay(wait, time, ct).ConfigureAwait(false);
                }

                // A job still running is due again: the write adopts it, so this instance polls it next (OwnDuePoller).
                await HandleAsync(entry, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One bad entry must not stop the cycle; it stays due and is retried next time.
                LogEntryFailed(logger, entry.OffboardingId, ex.GetType().Name);
            }
        }).ConfigureAwait(false);

        if (due.Count > 0)
        {
            LogCycle(logger, due.Count);
        }

        return due.Count;
    }

    private async Task HandleAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginOffboardingScope(entry.OffboardingId);
        await entries.HandleAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll cycle handled {Count} due entries")]
    private static partial void LogCycle(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll: offboarding {OffboardingId} failed this cycle ({Error}); retried next cycle")]
    private static partial void LogEntryFailed(ILogger logger, string offboardingId, string error);
}
