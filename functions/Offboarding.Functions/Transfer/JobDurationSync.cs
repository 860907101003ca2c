using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>Shares learned job durations between instances every few seconds, so every instance, new or restarted, times
/// its first polls from what all of them learned (a process's row outlives it for <see cref="Horizon"/>).</summary>
public sealed partial class JobDurationSync(JobDurations durations, JobDurationLedger ledger, TimeProvider time, ILogger<JobDurationSync> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan Horizon = TimeSpan.FromHours(24);

    private int _savedVersion;

    /// <summary>This process's row: a restarted process is a new one and reads what its predecessor saved.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Saves what this instance learned since the last save, then takes up what the others saved.</summary>
    public async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var version = durations.Version;
        if (version != _savedVersion)
        {
            await ledger.SaveAsync(Instance, durations.Own(), now, cancellationToken).ConfigureAwait(false);
            _savedVersion = version;
        }

        durations.UseShared(await ledger.LoadOthersAsync(Instance, now - Horizon, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>How long every instance's recent jobs took as polls saw them end: this one's as they are now, the others' as
    /// they last saved them (this one's saved row is older than what it holds, so it is left out).</summary>
    public async Task<IReadOnlyList<TimeSpan>> FinishedEverywhereAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var others = await ledger.LoadOthersAsync(Instance, now - Horizon, cancellationToken).ConfigureAwait(false);
        return [.. durations.Own().Finished, .. others.SelectMany(o => o.Finished)];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await SyncOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException ex)
            {
                // Polls go on with what this instance knows; the next tick tries again.
                LogSyncFailed(logger, ex.Status);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not share learned job durations (storage answered {Status}); trying again shortly")]
    private static partial void LogSyncFailed(ILogger logger, int status);
}
