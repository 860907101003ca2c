using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Bench.Measurements;
using Offboarding.Functions.Transfer;

namespace Offboarding.Bench.Probes;

/// <summary>
/// Times the poll function's cycle, called in-process on a pipeline wired exactly as the app wires it
/// (<c>AddOffboardingFunctionApp</c>) over the same storage and sandbox: once over an empty table and once after
/// the table got a large finished history. The cycle reads only due work, so the two should cost the same.
/// </summary>
public static class PollCycleProbe
{
    public static async Task<PollCycleResult> RunAsync(AppSettings settings, int finished, int cycles, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var provider = await InProcessPipeline.StartAsync(settings, null, cancellationToken).ConfigureAwait(false);
        var poll = provider.GetRequiredService<PollHandler>();

        var empty = await TimeCyclesAsync(poll, cycles, cancellationToken).ConfigureAwait(false);
        progress($"poll cycle, empty table: median {empty.Median:0.0} ms; writing {finished} finished offboardings");
        var seeding = await FinishedHistorySeeder.SeedAsync(settings.StorageConnectionString, finished, 32, progress, cancellationToken).ConfigureAwait(false);
        var full = await TimeCyclesAsync(poll, cycles, cancellationToken).ConfigureAwait(false);
        progress($"poll cycle, {finished} finished: median {full.Median:0.0} ms");
        return new PollCycleResult(empty, full, finished, seeding);
    }

    private static async Task<Percentiles> TimeCyclesAsync(PollHandler poll, int cycles, CancellationToken cancellationToken)
    {
        // Warm-up: first calls pay for JIT and connection set-up.
        for (var i = 0; i < 3; i++)
        {
            await poll.RunCycleAsync(cancellationToken).ConfigureAwait(false);
        }

        var times = new List<double>(cycles);
        for (var i = 0; i < cycles; i++)
        {
            var clock = Stopwatch.StartNew();
            await poll.RunCycleAsync(cancellationToken).ConfigureAwait(false);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new Percentiles(times);
    }
}
