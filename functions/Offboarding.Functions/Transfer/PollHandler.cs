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
    private readonly PollOptions _options = options.Value;

    /// <summary>How long a due entry is left to the instance that wrote it (<see cref="OwnDuePoller"/>) before the timer's
    /// cycle takes it: one still due this late has lost its instance (died, restarted) or that instance is far behind.</summary>
    public static readonly TimeSpan OwnerGrace = TimeSpan.FromSeconds(5);

    /// <summary>One cycle over the entries due at least <paramref name="ownerGrace"/> ago (the timer's: those no live instance
    /// looked after); returns how many it handled. Whatever it writes, this instance then looks after.</summary>
    public async Task<int> RunCycleAsync(CancellationToken cancellationToken, TimeSpan ownerGrace = default)
    {
        metrics.PollCycle();
        var due = new List<DueEntry>();
        await foreach (var entry in repository.DueAsync(time.GetUtcNow() - ownerGrace, _options.MaxDuePerCycle, cancellationToken).ConfigureAwait(false))
        {
            due.Add(entry);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (entry, ct) =>
        {
            try
            {
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
