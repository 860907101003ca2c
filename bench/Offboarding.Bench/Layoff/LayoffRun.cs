using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Bench.Scaling;
using Offboarding.Functions.Configuration;
using Zoho.Crm.Sandbox.Api;

namespace Offboarding.Bench.Layoff;

/// <summary>One layoff on a fresh stack: the CSV uploaded through <c>POST /api/batches</c> (planned there), approved, and
/// followed to the end through the batch's own progress and the completion events; Zoho's call log gives the peaks.</summary>
public static class LayoffRun
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    public static async Task<LayoffResult> RunAsync(LayoffOptions options, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        // The first WarmUp people are offboarded one by one before the batch; the batch is the rest.
        var org = LeaverOrg.Generate(options.WarmUp + options.Count);
        var sandbox = BenchSandbox.Options(options.ZohoLatencyMs, options.OrgConcurrencyLimit, options.JobLimit, options.JobSeconds);
        var operatorKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await using var stack = await RunningApps.StartAsync(org, sandbox, options.Instances, settings => settings with
        {
            ZohoConcurrency = options.ZohoConcurrencyPerInstance,
            MaxConcurrentJobs = options.JobLimit,
            Extra = new Dictionary<string, string> { [SettingNames.OperatorsKey] = operatorKey },
        }, say, cancellationToken).ConfigureAwait(false);
        var (deployment, collector) = (stack.Deployment, stack.Events);
        var warmUp = await LayoffWarmUp.RunAsync(stack, org.Leavers.Take(options.WarmUp).ToList(), say, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = deployment.Apps[0].BaseUri, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);

        var csv = new StringBuilder("workEmail,name\r\n");
        for (var i = options.WarmUp; i < org.Leavers.Count; i++)
        {
            csv.Append(org.Leavers[i].Email).Append(",Person ").Append(i).Append("\r\n");
        }

        var planning = Stopwatch.StartNew();
        using var upload = await http.PostAsync(
            new Uri("api/batches?name=Bench%20layoff&reason=bench", UriKind.Relative),
            new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"),
            cancellationToken).ConfigureAwait(false);
        var created = await ReadJsonAsync(upload, 201, cancellationToken).ConfigureAwait(false);
        planning.Stop();
        var id = created.GetProperty("id").GetString()!;
        var estimate = LayoffEstimate.Read(created);
        var ready = created.GetProperty("plan").TryGetProperty("ready", out var r) ? r.GetInt32() : 0;
        say($"batch {id} planned in {planning.Elapsed.TotalSeconds:0.0} s: {ready} of {options.Count} ready; estimate {estimate.Duration.TotalSeconds:0} s from a job of {estimate.JobSeconds:0.00} s ({estimate.JobDurationBasis})");

        var approvedAt = DateTimeOffset.UtcNow;
        using (var approval = await http.PostAsync(new Uri($"api/batches/{id}/approve", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false))
        {
            await ReadJsonAsync(approval, 200, cancellationToken).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        var state = "running";
        var done = 0;
        while (clock.Elapsed < options.Deadline && state != "finished")
        {
            await Task.Delay(ProgressEvery, cancellationToken).ConfigureAwait(false);
            using var answer = await http.GetAsync(new Uri($"api/batches/{id}?view=progress", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            var batch = await ReadJsonAsync(answer, 200, cancellationToken).ConfigureAwait(false);
            state = batch.GetProperty("state").GetString() ?? "";
            var progress = batch.GetProperty("progress");
            done = progress.GetProperty("done").GetInt32();
            var eta = progress.TryGetProperty("etaSeconds", out var e) && e.ValueKind == JsonValueKind.Number ? $"{e.GetDouble():0} s" : "-";
            say($"  {clock.Elapsed.TotalSeconds:0}s: {state}, {done} of {progress.GetProperty("total").GetInt32()} done, ETA {eta}");
        }

        var finished = collector.Events.Where(ev => ev.IsTerminal).Where(ev => ev.SeenAt >= approvedAt).DistinctBy(ev => ev.Subject).ToList();
        var calls = await deployment.Control.GetCallLogAsync(cancellationToken).ConfigureAwait(false);
        // The batch's own Zoho work: the warm-up's ended before the approval.
        var jobs = (await deployment.Control.GetStateAsync(cancellationToken).ConfigureAwait(false)).Jobs.Where(j => j.ScheduledAt >= approvedAt);
        var transfers = calls.Where(c => c.Endpoint == ZohoRoutes.TransferAndDelete && c.Time >= approvedAt).ToList();
        var concurrency = await deployment.Control.GetConcurrencyAsync(cancellationToken).ConfigureAwait(false);
        return new LayoffResult(
            options,
            ready,
            planning.Elapsed,
            warmUp,
            estimate,
            state == "finished",
            finished.Count,
            transfers.Count == 0 ? null : transfers.Min(c => c.Time),
            finished.Count == 0 ? null : finished.Max(ev => ev.SeenAt),
            approvedAt,
            ScalingRun.PeakOverlap(jobs.Select(j => (j.ScheduledAt, j.DueAt))),
            concurrency.Peak,
            transfers.Count(c => c.Code == "CONCURRENT_JOB_LIMIT_EXCEEDED"),
            (int)concurrency.Rejected);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, int expected, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode == expected
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {expected}: {body[..Math.Min(body.Length, 500)]}");
    }
}
