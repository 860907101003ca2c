using System.Globalization;
using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
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
        await using var stack = await RunningApps.StartAsync(org, sandbox, instances: 1, settings => settings with
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
        }, say, cancellationToken).ConfigureAwait(false);

        var start = DateTimeOffset.UtcNow;
        var submissions = await stack.SendAsync(org.Leavers, "budget", options.IntakeConcurrency, SendDeadline, cancellationToken).ConfigureAwait(false);
        say($"{submissions.Count(s => s.OffboardingId is not null)} of {options.Count} webhooks accepted in {(DateTimeOffset.UtcNow - start).TotalSeconds:0.0} s; waiting (deadline {options.Deadline.TotalMinutes:0} min)");

        var ids = submissions.Select(s => s.OffboardingId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var finished = await stack.WaitForFinishedAsync(ids, options.Deadline, say, cancellationToken).ConfigureAwait(false);
        var calls = await stack.Deployment.Control.GetCallLogAsync(cancellationToken).ConfigureAwait(false);
        await stack.Apps[0].KillAsync().ConfigureAwait(false);
        return new BudgetResult(options, stack.Settings.Describe(), submissions, finished, calls, start);
    }
}

/// <summary>What a budget run left: the webhooks as sent, the finishing events, and every Zoho call as the sandbox logged it.</summary>
public sealed record BudgetResult(BudgetOptions Options, string AppSettings, IReadOnlyList<Submission> Submissions, IReadOnlyList<CollectedEvent> Finished, IReadOnlyList<CallLogEntry> Calls, DateTimeOffset Start);
