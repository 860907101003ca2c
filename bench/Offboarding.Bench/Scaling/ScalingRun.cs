using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
using Zoho.Crm.Sandbox.Api;

namespace Offboarding.Bench.Scaling;

/// <summary>One burst on a fresh stack with N app instances on one storage account and one sandbox: offboardings per second,
/// and the peaks Zoho saw (calls at once, jobs at once) against its limits.</summary>
public static class ScalingRun
{
    private static readonly TimeSpan SendDeadline = TimeSpan.FromMinutes(5);

    public static async Task<ScalingPoint> RunAsync(ScalingOptions options, int instances, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        var org = LeaverOrg.Generate(options.Count);
        var sandbox = BenchSandbox.Options(options.ZohoLatencyMs, options.OrgConcurrencyLimit, options.JobLimit, options.JobSeconds);
        await using var stack = await RunningApps.StartAsync(org, sandbox, instances,
            settings => settings with { ZohoConcurrency = options.ZohoConcurrencyPerInstance, MaxConcurrentJobs = options.JobLimit }, say, cancellationToken).ConfigureAwait(false);
        var start = DateTimeOffset.UtcNow;
        var submissions = await stack.SendAsync(org.Leavers, "scaling", options.IntakeConcurrency, SendDeadline, cancellationToken).ConfigureAwait(false);
        var ids = submissions.Select(s => s.OffboardingId).OfType<string>().ToHashSet();
        var deadline = TimeSpan.FromSeconds(120 + (3 * options.Count / options.JobCeilingPerSecond));
        var finished = await stack.WaitForFinishedAsync(ids, deadline, say, cancellationToken).ConfigureAwait(false);

        var end = finished.Count == 0 ? DateTimeOffset.UtcNow : finished.Max(e => e.SeenAt);
        var calls = await stack.Deployment.Control.GetCallLogAsync(cancellationToken).ConfigureAwait(false);
        var concurrency = await stack.Deployment.Control.GetConcurrencyAsync(cancellationToken).ConfigureAwait(false);
        var jobs = (await stack.Deployment.Control.GetStateAsync(cancellationToken).ConfigureAwait(false)).Jobs;
        if (Environment.GetEnvironmentVariable("SCALING_EVIDENCE") is { Length: > 0 } dump)
        {
            var records = await RunEvidence.ReadRecordsAsync(stack.Deployment.Azurite.ConnectionString, cancellationToken).ConfigureAwait(false);
            await RunEvidence.WriteAsync($"{dump}.{instances}", records, calls, jobs, cancellationToken).ConfigureAwait(false);
        }

        var point = new ScalingPoint(
            instances,
            finished.Count,
            end - start,
            concurrency.Peak,
            PeakOverlap(jobs.Select(j => (j.ScheduledAt, j.DueAt))),
            calls.Count(c => c.Endpoint == ZohoRoutes.TransferAndDelete && c.Code == "CONCURRENT_JOB_LIMIT_EXCEEDED"),
            concurrency.Rejected);
        say($"{instances} instance(s): {point.Finished}/{options.Count} finished in {point.Elapsed.TotalSeconds:0.0} s ({point.PerSecond:0.0}/s); peak {point.PeakConcurrentCalls} Zoho calls and {point.PeakJobs} jobs at once");
        return point;
    }

    // The most intervals open at one moment: +1 at each start, -1 at each end, ends before starts at the same instant.
    internal static int PeakOverlap(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> intervals)
    {
        var edges = intervals.SelectMany(i => new[] { (At: i.From, Step: 1), (At: i.To, Step: -1) }).OrderBy(e => e.At).ThenBy(e => e.Step);
        int open = 0, peak = 0;
        foreach (var (_, step) in edges)
        {
            open += step;
            peak = Math.Max(peak, open);
        }

        return peak;
    }
}
