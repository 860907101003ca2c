using static Offboarding.Bench.Reporting.Cells;
using System.Text;
using Offboarding.Bench.Measurements;
using Offboarding.Bench.Probes;

namespace Offboarding.Bench.Reporting;

/// <summary>
/// The benchmark's markdown: the machine, the settings and the command that produced it, the full table of the first
/// run (the one with the poll-cycle and storage probes), and the per-run table with the "k of N runs" verdicts.
/// </summary>
public static class ResultTable
{
    public static string Render(IReadOnlyList<BenchmarkFigures> runs, string command)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var figures = runs[0];
        var data = figures.Data;
        var references = data.References ?? throw new ArgumentException("The first run carries the poll-cycle and storage probes.", nameof(runs));
        var o = data.Options;
        var text = new StringBuilder();
        text.AppendLine(Inv($"# Benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC")).AppendLine();
        text.AppendLine(Inv($"- machine: {data.Machine}"));
        text.AppendLine(Inv($"- command: `{command}`"));
        text.AppendLine(Inv($"- runs: {runs.Count}, each on a fresh stack; the full table is the first run's (the only one with the poll-cycle and storage probes), the per-run table below it has every run"));
        text.AppendLine(Inv($"- load: burst of N={o.Count} signed webhooks at concurrency {o.IntakeConcurrency}, then {o.PacedCount} paced at {data.PacedRate:0.#}/s ({o.PacedLoad:P0} of the lower ceiling: Zoho calls L/d, counting the calls per offboarding the burst made, or jobs J/job duration)"));
        text.AppendLine(Inv($"- Zoho sandbox (in the bench process): concurrency limit L={o.ZohoConcurrency}, latency d={o.ZohoLatencyMs} ms per call, job duration {o.JobSeconds} s, concurrent-job limit J={o.JobLimit} (the app admits by the same limit), org of {data.OrgUsers} users"));
        text.AppendLine(Inv($"- app: on the local Functions host (tools/Offboarding.LocalHost), Release, its own process; {data.AppSettings}; host.json queue settings"));
        text.AppendLine("- storage: Azurite on disk in the run's work folder (queues and tables in one node process; in memory it would keep one extent per queue message and stall 5-25 s sweeping them); the poll cycle over its finished history and the storage references (raw enqueue, the intake's storage calls, the intake's round trips) ran earlier in the same run on a second, fresh Azurite started the same way, stopped before the app started, so neither the history nor their deleted queues' garbage is in the app's emulator");
        text.AppendLine(Inv($"- finished: {figures.Finished}/{figures.Offboardings} offboardings announced finished ({figures.Completed} completed); run took {data.Elapsed.TotalMinutes:0.0} min")).AppendLine();

        text.AppendLine("| measure | result | reference | ratio | target | met |").AppendLine("|---|---:|---|---:|---|---|");
        IntakeRows(text, figures, references);
        ZohoRows(text, figures);
        LatencyRows(text, figures);
        HostRows(text, figures, references);
        text.AppendLine();

        text.AppendLine("| Zoho endpoint | calls | per offboarding | credits per call |").AppendLine("|---|---:|---:|---:|");
        foreach (var (endpoint, calls, per) in figures.CallsPerOffboarding())
        {
            text.AppendLine(Inv($"| {endpoint} | {calls} | {per:0.###} | {ZohoCredits.Of(endpoint)}{(ZohoCredits.PerCall.ContainsKey(endpoint) ? "" : " (not in the table)")} |"));
        }

        text.AppendLine();
        RunTable.Render(text, runs);
        return text.ToString();
    }

    private static void IntakeRows(StringBuilder text, BenchmarkFigures figures, ReferenceProbes references)
    {
        var data = figures.Data;
        var roundTrips = references.IntakeRoundTrips;
        var latency = BenchmarkFigures.IntakeLatency(data.Burst);
        Row(text, "intake (burst)", Inv($"{data.Intake.PerSecond:0} req/s"), Inv($"raw Azurite enqueue {references.RawEnqueue.PerSecond:0} msg/s, same run, same concurrency, own fresh Azurite"), figures.IntakeRatio, "≥ 0.80", figures.IntakeRatio >= 0.8);
        Row(text, "intake's storage calls alone (profile)", Inv($"{references.IntakeStorage.PerSecond:0} req/s"), Inv($"{IntakeStorageProbe.CallsPerRequest} sequential Azurite calls per request (the webhook-id claim, the message carrying the sealed record, then the record), own fresh Azurite"), figures.IntakeStorageRatio, "(information)", null);
        Row(text, "intake storage round trips per new request: mean (max)", Inv($"{roundTrips.Mean:0.00} ({roundTrips.Max})"),
            Inv($"counted on every storage client of an in-process pipeline (AddOffboardingFunctionApp, hold off), {roundTrips.Requests} new requests with a webhook id each; per request: {string.Join(", ", roundTrips.Breakdown.Select(b => Inv($"{b.Call} {b.PerRequest:0.##}")))}"),
            null, Inv($"≤ {Targets.IntakeRoundTrips:0} (max)"), roundTrips.Max <= Targets.IntakeRoundTrips);
        Row(text, "intake storage round trips per reused webhook-id (other body): mean (max)", Inv($"{roundTrips.ReusedIdMean:0.00} ({roundTrips.ReusedIdMax})"),
            Inv($"the same {roundTrips.Requests} webhook ids again with other bodies: answered 200 as the first offboarding, nothing stored or queued"), null, "(reported)", null);
        Row(text, "intake request latency, burst: p50 / p95 / p99", Ms(latency), Inv($"{latency.Count} accepted webhooks, send → accepting answer, at concurrency {data.Options.IntakeConcurrency}"), null, "(reported)", null);
    }

    private static void ZohoRows(StringBuilder text, BenchmarkFigures figures)
    {
        var data = figures.Data;
        var o = data.Options;
        var window = figures.Backlogged ? "while requests were backlogged" : "(no backlog: arrivals were the limit)";
        Row(text, $"Zoho calls/s {window}", Inv($"{figures.ZohoCallsPerSecond:0.0}/s"), Inv($"ceiling min(L/d = {o.CeilingPerSecond:0.0}/s, J/job duration × calls per offboarding = {o.JobLimit}/{o.JobSeconds:0.##} s × {figures.ZohoCallsPerOffboarding:0.00} = {figures.ZohoJobCallCeiling:0.0}/s): {Bound(figures)} binds; {figures.ZohoCallsPerSecond / o.CeilingPerSecond:0.00} of L/d ({figures.ZohoCallsInWindow} calls in {figures.ZohoWindow.TotalSeconds:0.0} s)"), figures.ZohoRatio, Inv($"≥ {Targets.ZohoRatio:0.00} of the binding ceiling"), figures.ZohoRatio >= Targets.ZohoRatio);
        Row(text, $"Azurite stalled (no answer for > {StorageStalls.Threshold.TotalSeconds:0} s) {window}", Inv($"{figures.StalledInWindow.TotalSeconds:0.0} s, longest {figures.LongestStallInWindow.TotalSeconds:0.0} s"), Inv($"{figures.StallsInWindow.Count} stalls in the {figures.ZohoWindow.TotalSeconds:0.0} s window, {figures.Stalls.All.Count} in the whole burst + paced phase; requests queue's length asked every 250 ms, answer time measured"), null, "(information)", null);
        Row(text, $"Zoho calls/s {window}, Azurite stalls excluded", Inv($"{figures.ZohoCallsPerSecondOutsideStalls:0.0}/s"), Inv($"ceiling {figures.ZohoCallCeiling:0.0}/s as above ({figures.ZohoCallsOutsideStalls} calls in the {figures.ZohoWindowOutsideStalls.TotalSeconds:0.0} s Azurite answered); the row above is the verdict"), figures.ZohoRatioOutsideStalls, "(information)", null);
        Row(text, $"Zoho's concurrency in use {window} (profile)", Inv($"{figures.ZohoOccupancy:P1}"), Inv($"the window's calls' time in the sandbox ÷ (L × window); they took {figures.ZohoCallMeanMs:0.0} ms on average (d = {o.ZohoLatencyMs} ms), so at L={o.ZohoConcurrency} at most {figures.ZohoCallsAtMeanDuration:0.0} calls/s: the ratio is of that; without the window's first and last {BenchmarkFigures.EdgeLeftOut.TotalSeconds:0} s (ramp-up, drain): {figures.ZohoOccupancyInMiddle:P1} in use"), figures.ZohoCallsAtMeanDuration <= 0 ? null : figures.ZohoCallsPerSecond / figures.ZohoCallsAtMeanDuration, "(information)", null);
        Row(text, "offboardings/s, burst (first transfer call → last completion)", Inv($"{figures.BurstOffboardingsPerSecond:0.00}/s"), Inv($"min(L/d ÷ Zoho calls per offboarding = {o.CeilingPerSecond:0.#}/{figures.ZohoCallsPerOffboarding:0.00} = {o.CeilingPerSecond / figures.ZohoCallsPerOffboarding:0.##}/s, J/job duration = {o.JobLimit}/{o.JobSeconds:0.##} s = {o.JobCeilingPerSecond:0.##}/s)"), figures.ThroughputRatio, "≥ 0.90", figures.ThroughputRatio >= 0.9);
        var handoff = figures.SlotHandoff();
        Row(text, "Zoho job ended → next transfer call in its slot, burst: p50 / p95 / p99", Ms(handoff), Inv($"{handoff.Count} hand-offs: the poll that sees the end, the slot freed, a waiter woken, its plan (the manager from the cached user listing) and call"), null, "(information)", null);
        Row(text, "transfer calls refused for the job limit (whole run)", Inv($"{figures.RefusedTransfers}"), Inv($"{figures.AcceptedTransfers} accepted transfer calls"), figures.AcceptedTransfers == 0 ? null : figures.RefusedTransfers / (double)figures.AcceptedTransfers, "≤ 0.01", figures.RefusedTransfers <= figures.AcceptedTransfers / 100.0);
        Row(text, "Zoho calls of every kind per offboarding (whole run)", Inv($"{figures.ZohoCallsOfEveryKindPerOffboarding:0.00}"), "token requests included; the endpoints are in the table below", null, Inv($"≤ {Targets.ZohoCallsPerOffboarding:0.0}"), figures.ZohoCallsOfEveryKindPerOffboarding <= Targets.ZohoCallsPerOffboarding);
        var statusTarget = Targets.StatusCallsPerOffboarding(o.JobSeconds);
        Row(text, "transfer_and_delete status calls per offboarding (whole run)", Inv($"{figures.StatusCallsPerOffboarding:0.00}"), Inv($"jobs of {o.JobSeconds:0.##} s; the issue sets ≤ 1.2 for 2 s jobs, ≤ 3 for 60 s jobs"), null, statusTarget is { } t ? Inv($"≤ {t:0.0#}") : "(information)", statusTarget is { } limit ? figures.StatusCallsPerOffboarding <= limit : null);
        var creditTarget = Targets.CreditsPerOffboarding(o.JobLimit, o.JobSeconds);
        Row(text, "Zoho API credits per offboarding (whole run)", Inv($"{figures.CreditsPerOffboarding:0.00}"), Credits(figures), null, creditTarget is { } c ? Inv($"≤ {c:0.0#} (J=10, 5 s jobs; floor 2)") : "(reported)", creditTarget is { } cap ? figures.CreditsPerOffboarding <= cap : null);
        var (polledAgain, extraPolls) = figures.JobsPolledMoreThanOnce();
        Row(text, "jobs whose end took more than one status call (whole run)", Inv($"{polledAgain}"), Inv($"{extraPolls} status calls beyond one per job ({extraPolls / (double)Math.Max(1, figures.Offboardings):0.000} per offboarding): the first jobs, polled on Poll:Backoff before any job was seen to end, and the probes that narrow the learned length"), null, "(information)", null);
        Row(text, "Zoho 429 answers (whole run)", Inv($"{figures.TooManyRequests}"), Inv($"sandbox peak concurrency {data.SandboxPeakConcurrency} of L={o.ZohoConcurrency}"), null, "0", figures.TooManyRequests == 0);
        Row(text, "offboardings unfinished at the deadline (sent, never announced finished: lost, or still queued)", Inv($"{figures.Lost}"), Inv($"{figures.Offboardings} sent; {figures.Finished - figures.Completed} finished as failed"), null, "0", figures.Lost == 0);
    }

    private static void LatencyRows(StringBuilder text, BenchmarkFigures figures)
    {
        var data = figures.Data;
        var pacedLatency = figures.WebhookToTransfer(data.Paced);
        var burstLatency = figures.WebhookToTransfer(data.Burst);
        var burstCompletion = figures.JobToEvent(data.Burst);
        var pacedCompletion = figures.JobToEvent(data.Paced);
        Row(text, "webhook accepted → Zoho transfer call, paced: p50 / p95 / p99", Ms(pacedLatency), Inv($"{pacedLatency.Count} offboardings"), null, Inv($"p99 ≤ {Targets.PacedTransferP99Ms:0} ms"), pacedLatency[99] <= Targets.PacedTransferP99Ms);
        Row(text, "webhook accepted → Zoho transfer call, burst: p50 / p95 / p99", Ms(burstLatency), "includes waiting in the backlog", null, "(information)", null);
        Row(text, "Zoho job completed → completion event, burst: p50 / p95 / p99", Ms(burstCompletion), Inv($"{burstCompletion.Count} offboardings; poll timer every second, first poll timed from the learned job duration, then the back-off of Poll:Backoff (in the app line above)"), null, Inv($"p50 ≤ {Targets.BurstCompletionP50Ms:0} ms, p99 ≤ {Targets.BurstCompletionP99Ms:0} ms"), BurstCompletionMet(burstCompletion));
        Row(text, "Zoho job completed → completion event, paced: p50 / p95 / p99", Ms(pacedCompletion), Inv($"{pacedCompletion.Count} offboardings"), null, "(information)", null);
    }

    private static void HostRows(StringBuilder text, BenchmarkFigures figures, ReferenceProbes references)
    {
        var data = figures.Data;
        var poll = references.Poll;
        Row(text, "poll cycle, empty table: median (p95)", Inv($"{poll.Empty.Median:0.0} ms ({poll.Empty[95]:0.0})"), Inv($"{poll.Empty.Count} cycles, in-process"), null, "", null);
        Row(text, Inv($"poll cycle, {poll.Finished:N0} finished offboardings: median (p95)"), Inv($"{poll.WithHistory.Median:0.0} ms ({poll.WithHistory[95]:0.0})"), Inv($"history written at {poll.Seeding.PerSecond:0}/s"), poll.Ratio, "≤ 1.2", poll.Ratio <= 1.2);
        var cores = data.BurstCores;
        Row(text, "CPU during the burst, in cores (profile)", Inv($"machine {cores.Machine:0.00} of {data.Machine.ProcessorCount}"), Inv($"app {cores.App:0.00}, bench process (sandbox, senders) {cores.Bench:0.00}, rest (Azurite, other work on the machine) {cores.Others:0.00}"), null, "(information)", null);
        Row(text, "local host: process start → first webhook accepted", figures.StartToFirstWebhook is { } start ? Inv($"{start.TotalMilliseconds:0} ms") : "n/a", Inv($"`dotnet Offboarding.LocalHost.dll` launched → first answer to GET / {(data.AppReadyAt - data.AppLaunchedAt).TotalMilliseconds:0} ms (asked every 25 ms), then the bench's observers start and the burst's first 202 arrives"), null, "(reported)", null);
        var peakMiB = data.AppPeakMemoryBytes / (1024.0 * 1024);
        Row(text, "app memory peak (VmHWM)", Inv($"{peakMiB:0} MiB"), "the local host's whole process, from /proc", null, Inv($"≤ {Targets.MemoryPeakMiB:0} MiB"), peakMiB <= Targets.MemoryPeakMiB);
    }

    public static bool BurstCompletionMet(Percentiles burstCompletion)
    {
        ArgumentNullException.ThrowIfNull(burstCompletion);
        return burstCompletion.Count > 0 && burstCompletion[50] <= Targets.BurstCompletionP50Ms && burstCompletion[99] <= Targets.BurstCompletionP99Ms;
    }

    public static string Bound(BenchmarkFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.ZohoCeilingBoundBy == ZohoCeilingBound.Concurrency ? "L/d" : "the job limit";
    }

    // What an operator plans with: offboardings a fixed budget pays for, and a day's worth in an Enterprise org of this size.
    private static string Credits(BenchmarkFigures figures)
    {
        var perOffboarding = figures.CreditsPerOffboarding;
        var users = figures.Data.OrgUsers;
        var budget = ZohoCredits.EnterpriseDailyBudget(users);
        var unlisted = figures.UnlistedEndpoints;
        var basis = Inv($"by the bench's credit table (ZohoCredits: 1 per CRM call, UNCONFIRMED by Zoho; OAuth token calls 0){(unlisted.Count == 0 ? "" : Inv($"; not in the table, charged {ZohoCredits.Unlisted}: {string.Join(", ", unlisted)}"))}");
        return perOffboarding <= 0
            ? basis
            : Inv($"{basis}: {10_000 / perOffboarding:0} offboardings per 10,000 credits; an Enterprise org of {users} users (this bench org) has 50,000 + 1,000 × {users} (at most 5,000,000) = {budget:N0} credits per 24 h, {budget / perOffboarding:N0} offboardings a day if nothing else spent them");
    }

    private static void Row(StringBuilder text, string measure, string result, string reference, double? ratio, string target, bool? met) =>
        text.AppendLine(Inv($"| {measure} | {result} | {reference} | {Ratio(ratio)} | {target} | {Met(met)} |"));
}
