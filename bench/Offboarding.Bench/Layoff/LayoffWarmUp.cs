using System.Diagnostics;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Transfer;

namespace Offboarding.Bench.Layoff;

/// <summary>What the app has before a real layoff: people offboarded one by one, whose Zoho jobs taught it how long a job
/// takes, so the batch's estimate rests on learned durations (JobDurations, JobDurationLedger), not on the assumed one.</summary>
public static class LayoffWarmUp
{
    // Small waves, each timed by what the earlier ones taught, as webhooks arrive on ordinary days.
    private const int Wave = 4;

    private static readonly TimeSpan WaveDeadline = TimeSpan.FromMinutes(2);

    public static async Task<LayoffWarmUpResult> RunAsync(RunningApps stack, IReadOnlyList<Leaver> leavers, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(leavers);
        ArgumentNullException.ThrowIfNull(say);
        var clock = Stopwatch.StartNew();
        var finished = 0;
        foreach (var (wave, number) in leavers.Chunk(Wave).Select((w, n) => (w, n)))
        {
            var submissions = await stack.SendAsync(wave, $"warm-up-{number}", Wave, WaveDeadline, cancellationToken).ConfigureAwait(false);
            var ids = submissions.Select(s => s.OffboardingId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            finished += (await stack.WaitForFinishedAsync(ids, WaveDeadline, say, cancellationToken).ConfigureAwait(false)).Count;
        }

        if (stack.Apps.Count > 1 && leavers.Count > 0)
        {
            // The instance that answers the upload knows the others' durations once each has saved them to the ledger.
            await Task.Delay(JobDurationSync.Every + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        say($"warm-up: {finished} of {leavers.Count} one-by-one offboardings finished in {clock.Elapsed.TotalSeconds:0.0} s (waves of {Wave})");
        return new LayoffWarmUpResult(leavers.Count, finished, Wave, clock.Elapsed);
    }
}

/// <summary>The one-by-one offboardings run before the batch: how many, how many finished, in waves of how many, how long.</summary>
public sealed record LayoffWarmUpResult(int People, int Finished, int Wave, TimeSpan Elapsed);
