using System.Diagnostics;
using System.Globalization;
using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Bench.Measurements;
using Offboarding.Functions.Configuration;
using Zoho.Crm.Sandbox.Control;

namespace Offboarding.Bench.Budget;

/// <summary>One layoff over the app's credit budget on a fresh stack (the app in its own process): everyone sent at once, waited
/// for until all finished or the deadline, then the sandbox's call log and the events collected.</summary>
public static class BudgetRun
{
    private static readonly TimeSpan SendDeadline = TimeSpan.FromMinutes(2);

    public static async Task<BudgetResult> RunAsync(BudgetOptions options, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        var org = LeaverOrg.Generate(options.Count);
        // The org's own allowance is not what this run is about: only the app's budget holds it back.
        var sandbox = BenchSandbox.Options(options.ZohoLatencyMs, options.ZohoConcurrency, options.JobLimit, options.JobSeconds)
            with { CreditWindowSeconds = options.CreditWindow.TotalSeconds };
        await using var deployment = await LocalDeployment.StartAsync(org, sandbox, persistentStorage: true, cancellationToken).ConfigureAwait(false);
        var settings = deployment.BaseSettings() with
        {
            ZohoConcurrency = options.ZohoConcurrency,
            MaxConcurrentJobs = options.JobLimit,
            PollBackoff = options.PollBackoff,
            Extra = new Dictionary<string, string>
            {
                [SettingNames.ZohoCreditBudget] = options.CreditBudget.ToString(CultureInfo.InvariantCulture),
                [SettingNames.ZohoCreditReserve] = options.CreditReserve.ToString(CultureInfo.InvariantCulture),
                [SettingNames.ZohoCreditWindow] = options.CreditWindow.ToString("c", CultureInfo.InvariantCulture),
            },
        };
        var app = await deployment.StartAppAsync(settings, cancellationToken).ConfigureAwait(false);
        say($"app pid {app.ProcessId} at {app.BaseUri}; log {app.LogPath}; sandbox {deployment.Sandbox.BaseUri}");
        await using var collector = new EventCollector(deployment.Azurite.ConnectionString);
        using var sender = new WebhookSender([app.BaseUri]);

        var start = DateTimeOffset.UtcNow;
        var submissions = new Submission[options.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.IntakeConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => submissions[i] = await sender.SendUntilAcceptedAsync(org.Leavers[i], $"budget-{i:D6}", SendDeadline, ct).ConfigureAwait(false)).ConfigureAwait(false);
        say($"{submissions.Count(s => s.OffboardingId is not null)} of {options.Count} webhooks accepted in {(DateTimeOffset.UtcNow - start).TotalSeconds:0.0} s; waiting (deadline {options.Deadline.TotalMinutes:0} min)");

        var ids = submissions.Select(s => s.OffboardingId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var finished = await WaitAsync(collector, ids, options.Deadline, say, cancellationToken).ConfigureAwait(false);
        var calls = await deployment.Control.GetCallLogAsync(cancellationToken).ConfigureAwait(false);
        await app.KillAsync().ConfigureAwait(false);
        return new BudgetResult(options, settings.Describe(), submissions, finished, calls, start);
    }

    private static async Task<IReadOnlyList<CollectedEvent>> WaitAsync(EventCollector collector, HashSet<string> ids, TimeSpan deadline, Action<string> say, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.StartNew();
        var lastSaid = TimeSpan.Zero;
        IReadOnlyList<CollectedEvent> finished = [];
        while (waiting.Elapsed < deadline)
        {
            finished = [.. collector.Events.Where(BenchmarkFigures.IsTerminal).Where(e => e.Subject is { } id && ids.Contains(id)).DistinctBy(e => e.Subject)];
            if (finished.Count >= ids.Count)
            {
                return finished;
            }

            if (waiting.Elapsed - lastSaid > TimeSpan.FromSeconds(30))
            {
                lastSaid = waiting.Elapsed;
                say($"  {finished.Count}/{ids.Count} finished");
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        say($"  deadline {deadline} passed with {ids.Count - finished.Count} unfinished");
        return finished;
    }
}

/// <summary>What a budget run left: the webhooks as sent, the finishing events, and every Zoho call as the sandbox logged it.</summary>
public sealed record BudgetResult(BudgetOptions Options, string AppSettings, IReadOnlyList<Submission> Submissions, IReadOnlyList<CollectedEvent> Finished, IReadOnlyList<CallLogEntry> Calls, DateTimeOffset Start);
