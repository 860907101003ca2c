using System.Diagnostics;
using Azure;
using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Zoho.Crm.Sandbox.Hosting;

namespace Offboarding.Bench.Harness.Soak;

/// <summary>
/// The fault soak: offboardings sent through signed webhooks while the Zoho sandbox fails calls at the given
/// rates, the app process is killed and restarted, and Azurite is restarted on its data folder. It then waits
/// until every accepted offboarding was announced finished (or the deadline passed) and judges the evidence
/// with <see cref="SoakInvariants"/>.
/// </summary>
public static class SoakScenario
{
    public static async Task<SoakResult> RunAsync(SoakOptions options, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var say = progress ?? (_ => { });
        var clock = Stopwatch.StartNew();
        var org = LeaverOrg.Generate(options.Count);
        var sandbox = new SandboxOptions
        {
            JobDurationSeconds = options.JobDurationSeconds,
            // Zoho's real limit, not raised to the load: the app admits by it (and learns it from a refusal if it differs).
            ConcurrentJobLimit = options.JobLimit,
            LatencyMinMs = 5,
            LatencyMaxMs = 30,
            InternalErrorRate = options.InternalErrorRate,
            TooManyRequestsRate = options.TooManyRequestsRate,
            DropConnectionRate = options.DropConnectionRate,
            DropResponseRate = options.DropResponseRate,
            RandomSeed = options.RandomSeed,
        };

        await using var deployment = await LocalDeployment.StartAsync(org, sandbox, persistentStorage: true, cancellationToken).ConfigureAwait(false);
        var settings = deployment.BaseSettings() with
        {
            // Short enough that work a killed instance left behind is picked up within the run.
            SweepAfter = TimeSpan.FromMinutes(2),
            Extra = new Dictionary<string, string>
            {
                ["Zoho:RequestTimeout"] = "00:00:10",
                ["Zoho:MaxRetries"] = "2",
                ["Zoho:RetryMaxDelay"] = "00:00:01",
                ["Zoho:MaxRetryAfter"] = "00:00:02",

                // Well beyond the sandbox's job: a transfer whose answer was lost shows its leaver deleted long before it ends.
                [Offboarding.Functions.Configuration.SettingNames.TransferUnconfirmedWindow] = options.EffectiveUnconfirmedWindow.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        for (var i = 0; i < Math.Max(1, options.Instances); i++)
        {
            await deployment.StartAppAsync(settings, cancellationToken).ConfigureAwait(false);
        }

        var apps = deployment.Apps;
        say($"stack up: Azurite {deployment.Azurite.QueueEndpoint}, sandbox {deployment.Sandbox.BaseUri}, app {string.Join(", ", apps.Select(a => $"{a.BaseUri} (pid {a.ProcessId})"))}");

        await using var collector = new EventCollector(deployment.Azurite.ConnectionString);
        using var sender = new WebhookSender([.. apps.Select(a => a.BaseUri)]);
        var submissions = new Submission?[options.Count];
        var accepted = 0;
        var sending = Parallel.ForEachAsync(
            Enumerable.Range(0, options.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.SenderConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                submissions[i] = await sender.SendUntilAcceptedAsync(org.Leavers[i], $"soak-{i:D6}", TimeSpan.FromMinutes(5), ct).ConfigureAwait(false);
                Interlocked.Increment(ref accepted);
            });

        // Disruptions spread over the whole run: progress counts webhooks accepted plus offboardings announced
        // finished (0..2N), so some hit the intake and some hit transfers and polls in flight.
        var nextReport = TimeSpan.FromSeconds(15);
        var disruptions = Plan(options);
        var done = new List<string>();
        var crashes = new List<DateTimeOffset>();
        var kills = new List<DateTimeOffset>();
        for (var k = 0; k < disruptions.Count; k++)
        {
            var threshold = 2.0 * options.Count * (k + 1) / (disruptions.Count + 1);
            while (Volatile.Read(ref accepted) + TerminalSubjects(collector).Count < threshold && clock.Elapsed < options.Deadline)
            {
                Report(clock, collector, accepted, say, ref nextReport);
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            if (disruptions[k] == Disruption.App)
            {
                // Inside Zoho calls: the instances take turns, each killed while the sandbox is serving calls.
                var victim = kills.Count % apps.Count;
                var inFlight = await ZohoCallsInFlightAsync(deployment, cancellationToken).ConfigureAwait(false);
                crashes.Add(DateTimeOffset.UtcNow);
                kills.Add(DateTimeOffset.UtcNow);
                await apps[victim].RestartAsync(cancellationToken).ConfigureAwait(false);
                done.Add($"app instance {victim + 1} of {apps.Count} killed (SIGKILL) with {inFlight} Zoho call(s) in flight and restarted at {clock.Elapsed.TotalSeconds:0}s ({kills[^1]:HH:mm:ss} UTC)");
            }
            else
            {
                crashes.Add(DateTimeOffset.UtcNow);

                // An orderly stop: a SIGKILL'd Azurite loses up to 5 s of writes it acknowledged (its autosave
                // interval), which no real storage account does; the outage is what the app must survive.
                await deployment.Azurite.RestartGracefullyAsync(cancellationToken).ConfigureAwait(false);
                done.Add($"Azurite stopped (SIGTERM) and restarted at {clock.Elapsed.TotalSeconds:0}s ({DateTimeOffset.UtcNow:HH:mm:ss} UTC)");
            }

            say(done[^1]);
        }

        await sending.ConfigureAwait(false);
        say($"all webhooks sent at {clock.Elapsed.TotalSeconds:0}s; waiting for the pipeline to finish");
        var ids = submissions.Select(s => s!.OffboardingId).OfType<string>().ToHashSet();
        while (clock.Elapsed < options.Deadline && !ids.IsSubsetOf(TerminalSubjects(collector)))
        {
            Report(clock, collector, accepted, say, ref nextReport);
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        // A moment for anything published twice to show up too.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
        foreach (var app in apps)
        {
            await app.KillAsync().ConfigureAwait(false);
        }

        await collector.DrainAndStopAsync().ConfigureAwait(false);
        say($"pipeline done or deadline at {clock.Elapsed.TotalSeconds:0}s; reading the evidence");

        var evidence = new SoakEvidence(
            [.. submissions.Select(s => s!)],
            await RunEvidence.ReadRecordsAsync(deployment.Azurite.ConnectionString, cancellationToken).ConfigureAwait(false),
            collector.Events,
            await deployment.Control.GetCallLogAsync(cancellationToken).ConfigureAwait(false),
            (await deployment.Control.GetStateAsync(cancellationToken).ConfigureAwait(false)).Jobs,
            await ReadPoisonAsync(deployment.Azurite.ConnectionString, cancellationToken).ConfigureAwait(false))
        {
            Crashes = crashes,
        };
        if (Environment.GetEnvironmentVariable("SOAK_EVIDENCE") is { Length: > 0 } dump)
        {
            await RunEvidence.WriteAsync(dump, evidence.Records, evidence.ZohoCalls, evidence.ZohoJobs, cancellationToken).ConfigureAwait(false);
        }

        var finishes = collector.Events.Where(e => e.IsTerminal).GroupBy(e => e.Subject).Select(g => g.Min(e => e.SeenAt)).ToList();
        return new SoakResult(SoakInvariants.Check(evidence), done, clock.Elapsed, settings.Describe(), apps[0].LogPath)
        {
            KillRecoveries = KillRecovery.Measure(kills, finishes),
        };
    }

    private enum Disruption
    {
        App,
        Azurite,
    }

    // App restarts around the Azurite restart(s): app, Azurite, app, …
    private static List<Disruption> Plan(SoakOptions options)
    {
        var plan = new List<Disruption>();
        var apps = options.AppRestarts;
        var azurites = options.AzuriteRestarts;
        while (apps > 0 || azurites > 0)
        {
            if (apps-- > 0)
            {
                plan.Add(Disruption.App);
            }

            if (azurites-- > 0)
            {
                plan.Add(Disruption.Azurite);
            }
        }

        return plan;
    }

    // A progress line every 15 seconds.
    private static void Report(Stopwatch clock, EventCollector collector, int accepted, Action<string> say, ref TimeSpan next)
    {
        if (clock.Elapsed >= next)
        {
            next = clock.Elapsed + TimeSpan.FromSeconds(15);
            say($"  {clock.Elapsed.TotalSeconds:0}s: {accepted} accepted, {TerminalSubjects(collector).Count} finished");
        }
    }

    private static HashSet<string> TerminalSubjects(EventCollector collector) =>
        collector.Events.Where(e => e.IsTerminal).Select(e => e.Subject ?? "").ToHashSet();

    // Waits (a few seconds at most) until the sandbox is serving calls, so the kill lands inside some.
    private static async Task<int> ZohoCallsInFlightAsync(LocalDeployment deployment, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);
        int current;
        while ((current = (await deployment.Control.GetConcurrencyAsync(cancellationToken).ConfigureAwait(false)).Current) == 0 && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        return current;
    }

    // Reads every poison message without removing it (each stays invisible for the rest of the run).
    private static async Task<IReadOnlyList<string?>> ReadPoisonAsync(string connectionString, CancellationToken cancellationToken)
    {
        var poison = StorageAccount.Pipeline(connectionString).RequestsPoison;
        var ids = new List<string?>();
        try
        {
            while (true)
            {
                var batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false)).Value;
                if (batch.Length == 0)
                {
                    return ids;
                }

                ids.AddRange(batch.Select(m => RequestDispatcher.Parse(m.MessageText)?.Id));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return ids;
        }
    }
}
