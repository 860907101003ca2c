using System.Diagnostics;
using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Bench.Probes;
using TestSupport;

namespace Offboarding.Bench.Measurements;

/// <summary>
/// One benchmark run: starts the stack, probes the poll cycle and raw Azurite on a separate emulator, then sends a burst of N webhooks
/// (throughput) and, once those finished, a paced stream below the Zoho ceiling (latency without a backlog).
/// </summary>
public static class BenchmarkRun
{
    private static readonly TimeSpan SendDeadline = TimeSpan.FromMinutes(2);

    // Enough new requests that an occasional extra round trip (a retry) shows in the mean and the max.
    private const int IntakeRoundTripRequests = 200;

    /// <param name="withReferences">
    /// Whether to probe the poll cycle and the storage references too: they describe the storage and the pipeline, not
    /// the run, so repeated runs take them once.
    /// </param>
    public static async Task<BenchmarkData> RunAsync(BenchOptions options, bool withReferences, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        var clock = Stopwatch.StartNew();
        var total = options.Count + options.PacedCount;
        var org = LeaverOrg.Generate(total);
        // Zoho's real job limit (its example and the app's default are 10), not raised to the load: the app must admit by it.
        var sandbox = BenchSandbox.Options(options.ZohoLatencyMs, options.ZohoConcurrency, options.JobLimit, options.JobSeconds);

        // Azurite on disk: in memory it keeps each queue message as an extent of its own and sweeps the consumed ones every
        // 60 s with a full index rebuild per extent, answering nothing for 5-25 s after a 1,000 burst (profiled with
        // AZURITE_NODE_OPTIONS=--prof); on disk messages share extent files and the sweep is short.
        await using var deployment = await LocalDeployment.StartAsync(org, sandbox, persistentStorage: true, cancellationToken).ConfigureAwait(false);
        var connection = deployment.Azurite.ConnectionString;
        var settings = deployment.BaseSettings() with
        {
            ZohoConcurrency = options.ZohoConcurrency,
            MaxConcurrentJobs = options.JobLimit,
            PollBackoff = options.PollBackoff == "default" ? new Offboarding.Functions.Transfer.PollOptions().Backoff : options.PollBackoff,
        };
        say($"Azurite {deployment.Azurite.QueueEndpoint}, sandbox {deployment.Sandbox.BaseUri} (L={options.ZohoConcurrency}, d={options.ZohoLatencyMs} ms), org of {org.Fixture.Users.Count} users");

        ReferenceProbes? references = null;
        if (withReferences)
        {
            var (poll, raw, intakeStorage, roundTrips) = await RunProbesAsync(options, settings, say, cancellationToken).ConfigureAwait(false);
            references = new ReferenceProbes(poll, raw, intakeStorage, roundTrips);
        }

        await deployment.Control.ClearCallLogAsync(cancellationToken).ConfigureAwait(false);
        await deployment.Control.ResetPeakConcurrencyAsync(cancellationToken).ConfigureAwait(false);
        var app = await deployment.StartAppAsync(settings, cancellationToken).ConfigureAwait(false);
        say($"app pid {app.ProcessId} at {app.BaseUri}; log {app.LogPath}");
        await using var collector = new EventCollector(connection);
        await using var depth = new QueueDepthSampler(connection);
        using var sender = new WebhookSender([app.BaseUri]);

        var cpuBefore = CpuSnapshot.Take(app.ProcessId);
        var burstStart = DateTimeOffset.UtcNow;
        var burstClock = Stopwatch.StartNew();
        var burst = new Submission[options.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.IntakeConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => burst[i] = await sender.SendUntilAcceptedAsync(org.Leavers[i], $"bench-{i:D6}", SendDeadline, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var intake = new Rate(options.Count, burstClock.Elapsed);
        ReportRejected(burst, say);
        say($"burst: {options.Count} webhooks accepted in {intake.Elapsed.TotalSeconds:0.0} s ({intake.PerSecond:0} req/s); waiting for completion events");
        await WaitForFinishAsync(collector, burst, TimeSpan.FromSeconds(120 + (options.Count / Math.Min(options.CeilingPerSecond / 3, options.JobCeilingPerSecond) * 1.5)), say, cancellationToken).ConfigureAwait(false);

        var cpuAfter = CpuSnapshot.Take(app.ProcessId);

        // An offboarding costs several Zoho calls and holds one of Zoho's job slots for a job duration: pace offboardings
        // at the share of the lower of the two ceilings (the calls' L/d, the jobs' J / job duration).
        var burstCalls = (await deployment.Control.GetCallLogAsync(cancellationToken).ConfigureAwait(false)).Count(c => c.Endpoint != BenchmarkFigures.TokenEndpoint);
        var callsPerOffboarding = Math.Max(1.0, burstCalls / (double)options.Count);
        var rate = options.PacedLoad * Math.Min(options.CeilingPerSecond / callsPerOffboarding, options.JobCeilingPerSecond);
        say($"paced: {options.PacedCount} webhooks at {rate:0.0}/s ({options.PacedLoad:P0} of min(L/d at {callsPerOffboarding:0.00} Zoho calls per offboarding in the burst, J/job duration))");
        var pacedStart = Stopwatch.StartNew();
        var sends = new List<Task<Submission>>(options.PacedCount);
        for (var i = 0; i < options.PacedCount; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > pacedStart.Elapsed)
            {
                await Task.Delay(due - pacedStart.Elapsed, cancellationToken).ConfigureAwait(false);
            }

            sends.Add(sender.SendUntilAcceptedAsync(org.Leavers[options.Count + i], $"bench-paced-{i:D6}", SendDeadline, cancellationToken));
        }

        var paced = await Task.WhenAll(sends).ConfigureAwait(false);
        ReportRejected(paced, say);
        await WaitForFinishAsync(collector, paced, TimeSpan.FromSeconds(120), say, cancellationToken).ConfigureAwait(false);

        var data = new BenchmarkData
        {
            PacedRate = rate,
            BurstCores = CpuSnapshot.CoresBetween(cpuBefore, cpuAfter),
            Options = options,
            Machine = MachineInfo.Current(),
            AppSettings = settings.Describe(),
            References = references,
            OrgUsers = org.Fixture.Users.Count,
            QueueDepth = depth.Samples,
            Intake = intake,
            BurstStart = burstStart,
            Burst = burst,
            Paced = paced,
            Events = collector.Events,
            Calls = await deployment.Control.GetCallLogAsync(cancellationToken).ConfigureAwait(false),
            Jobs = (await deployment.Control.GetStateAsync(cancellationToken).ConfigureAwait(false)).Jobs,
            AppLaunchedAt = app.LaunchedAt,
            AppReadyAt = app.ReadyAt,
            AppPeakMemoryBytes = app.PeakMemoryBytes,
            SandboxPeakConcurrency = await deployment.Control.GetPeakConcurrencyAsync(cancellationToken).ConfigureAwait(false),
            Elapsed = clock.Elapsed,
        };
        await app.KillAsync().ConfigureAwait(false);
        return data;
    }

    /// <summary>
    /// The poll cycle and the storage references, on their own fresh in-memory Azurite started exactly like the app's and
    /// stopped before the app starts. The poll cycle's finished history (100,000 records by default) would otherwise stay
    /// in the app's emulator through the first run's burst, where every write pays for the larger table and node's heap,
    /// and the first run would not be comparable with the others. And the probes' queue messages become garbage when their queues are deleted, and Azurite
    /// sweeps queue garbage every 60 s in one loop that answers nothing meanwhile; on the app's emulator that sweep
    /// would land in the middle of the burst. The intake's round-trip probe runs there too: the requests it queues
    /// would otherwise reach the app as transfers of users the sandbox does not have.
    /// </summary>
    private static async Task<(PollCycleResult Poll, Rate Raw, Rate IntakeStorage, IntakeRoundTrips RoundTrips)> RunProbesAsync(BenchOptions options, AppSettings settings, Action<string> say, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteProcess.StartAsync(dataFolder: null, cancellationToken).ConfigureAwait(false);
        var connection = azurite.ConnectionString;
        var poll = await PollCycleProbe.RunAsync(settings with { StorageConnectionString = connection }, options.Finished, options.PollCycles, say, cancellationToken).ConfigureAwait(false);
        var raw = await RawEnqueueProbe.RunAsync(connection, options.Count, options.IntakeConcurrency, cancellationToken).ConfigureAwait(false);
        say($"raw Azurite enqueue (probe Azurite {azurite.QueueEndpoint}): {raw.PerSecond:0} msg/s at concurrency {options.IntakeConcurrency}");
        var intakeStorage = await IntakeStorageProbe.RunAsync(connection, options.Count, options.IntakeConcurrency, cancellationToken).ConfigureAwait(false);
        say($"the intake's {IntakeStorageProbe.CallsPerRequest} storage calls alone: {intakeStorage.PerSecond:0} req/s at concurrency {options.IntakeConcurrency}");
        var roundTrips = await IntakeRoundTripProbe.RunAsync(settings with { StorageConnectionString = connection }, IntakeRoundTripRequests, cancellationToken).ConfigureAwait(false);
        say($"intake storage round trips per new request: mean {roundTrips.Mean:0.00}, max {roundTrips.Max} over {roundTrips.Requests} requests ({string.Join(", ", roundTrips.Breakdown.Select(b => $"{b.Call} {b.PerRequest:0.##}"))})");
        return (poll, raw, intakeStorage, roundTrips);
    }

    private static void ReportRejected(IReadOnlyList<Submission> submissions, Action<string> say)
    {
        var rejected = submissions.Where(s => s.OffboardingId is null).GroupBy(s => s.Status).Select(g => $"{g.Count()} x HTTP {g.Key}").ToList();
        if (rejected.Count > 0)
        {
            say($"  not accepted: {string.Join(", ", rejected)}");
        }
    }

    private static async Task WaitForFinishAsync(EventCollector collector, IReadOnlyList<Submission> submissions, TimeSpan deadline, Action<string> say, CancellationToken cancellationToken)
    {
        var ids = submissions.Select(s => s.OffboardingId).OfType<string>().ToHashSet();
        var giveUp = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (giveUp.Elapsed < deadline)
        {
            var finished = collector.Events.Where(e => e.IsTerminal).Select(e => e.Subject).OfType<string>().Count(ids.Contains);
            if (finished >= ids.Count)
            {
                return;
            }

            if (giveUp.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = giveUp.Elapsed;
                say($"  {finished}/{ids.Count} finished");
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        say($"  deadline {deadline} passed with offboardings unfinished; they count as missing in the figures");
    }
}
