using System.Globalization;
using System.Text;
using Offboarding.Bench.Measurements;
using Offboarding.Bench.Probes;

namespace Offboarding.Bench.Reporting;

/// <summary>The benchmark's one markdown table, with the machine, the settings and the command that produced it.</summary>
public static class ResultTable
{
    public static string Render(BenchmarkData data, BenchmarkFigures figures, string command)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(figures);
        var o = data.Options;
        var pacedLatency = figures.WebhookToTransfer(data.Paced);
        var burstLatency = figures.WebhookToTransfer(data.Burst);
        var completion = figures.JobToEvent(data.Burst.Concat(data.Paced));
        var poll = data.Poll;
        var text = new StringBuilder();
        text.AppendLine(Inv($"# Benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC")).AppendLine();
        text.AppendLine(Inv($"- machine: {data.Machine}"));
        text.AppendLine(Inv($"- command: `{command}`"));
        text.AppendLine(Inv($"- load: burst of N={o.Count} signed webhooks at concurrency {o.IntakeConcurrency}, then {o.PacedCount} paced at {data.PacedRate:0.#}/s ({o.PacedLoad:P0} of the lower ceiling: Zoho calls L/d, counting the calls per offboarding the burst made, or jobs J/job duration)"));
        text.AppendLine(Inv($"- Zoho sandbox (in the bench process): concurrency limit L={o.ZohoConcurrency}, latency d={o.ZohoLatencyMs} ms per call, job duration {o.JobSeconds} s, concurrent-job limit J={o.JobLimit} (the app admits by the same limit)"));
        text.AppendLine(Inv($"- app: on the local Functions host (tools/Offboarding.LocalHost), Release, its own process; {data.AppSettings}; host.json queue settings"));
        text.AppendLine("- storage: Azurite in memory (queues and tables in one node process); the two storage references (raw enqueue, the intake's storage calls) ran earlier in the same run at the same concurrency on a second, fresh Azurite started the same way, stopped before the app started, so their deleted queues' garbage is not swept by the app's emulator");
        text.AppendLine(Inv($"- finished: {figures.Finished}/{figures.Offboardings} offboardings announced finished ({figures.Completed} completed); run took {data.Elapsed.TotalMinutes:0.0} min")).AppendLine();

        text.AppendLine("| measure | result | reference | ratio | target | met |").AppendLine("|---|---:|---|---:|---|---|");
        Row(text, "intake (burst)", $"{data.Intake.PerSecond:0} req/s", $"raw Azurite enqueue {data.RawEnqueue.PerSecond:0} msg/s, same run, same concurrency, own fresh Azurite", figures.IntakeRatio, "≥ 0.80", figures.IntakeRatio >= 0.8);
        Row(text, "intake's storage calls alone (profile)", Inv($"{data.IntakeStorage.PerSecond:0} req/s"), Inv($"{IntakeStorageProbe.CallsPerRequest} sequential Azurite calls per request (due row, record, message), own fresh Azurite"), figures.IntakeStorageRatio, "(information)", null);
        var window = figures.Backlogged ? "while requests were backlogged" : "(no backlog: arrivals were the limit)";
        Row(text, $"Zoho calls/s {window}", Inv($"{figures.ZohoCallsPerSecond:0.0}/s"), Inv($"ceiling min(L/d = {o.CeilingPerSecond:0.0}/s, J/job duration × calls per offboarding = {o.JobCeilingPerSecond * figures.ZohoCallsPerOffboarding:0.0}/s) ({figures.ZohoCallsInWindow} calls in {figures.ZohoWindow.TotalSeconds:0.0} s)"), figures.ZohoRatio, "≥ 0.90", figures.ZohoRatio >= 0.9);
        Row(text, $"Azurite stalled (no answer for > {StorageStalls.Threshold.TotalSeconds:0} s) {window}", Inv($"{figures.StalledInWindow.TotalSeconds:0.0} s, longest {figures.LongestStallInWindow.TotalSeconds:0.0} s"), Inv($"{figures.StallsInWindow.Count} stalls in the {figures.ZohoWindow.TotalSeconds:0.0} s window, {figures.Stalls.All.Count} in the whole burst + paced phase; requests queue's length asked every 250 ms, answer time measured"), null, "(information)", null);
        Row(text, $"Zoho calls/s {window}, Azurite stalls excluded", Inv($"{figures.ZohoCallsPerSecondOutsideStalls:0.0}/s"), Inv($"ceiling {figures.ZohoCallCeiling:0.0}/s as above ({figures.ZohoCallsOutsideStalls} calls in the {figures.ZohoWindowOutsideStalls.TotalSeconds:0.0} s Azurite answered); the row above is the verdict"), figures.ZohoRatioOutsideStalls, "(information)", null);
        Row(text, "offboardings/s, burst (first transfer call → last completion)", Inv($"{figures.BurstOffboardingsPerSecond:0.00}/s"), Inv($"min(L/d = {o.CeilingPerSecond:0.#}/s, J/job duration = {o.JobLimit}/{o.JobSeconds:0.##} s = {o.JobCeilingPerSecond:0.##}/s)"), figures.ThroughputRatio, "≥ 0.90", figures.ThroughputRatio >= 0.9);
        var handoff = figures.SlotHandoff();
        Row(text, "Zoho job ended → next transfer call in its slot, burst: p50 / p95 / p99", Ms(handoff), Inv($"{handoff.Count} hand-offs: the poll that sees the end, the slot freed, a waiter woken, its plan (users.get) and call"), null, "(information)", null);
        Row(text, "transfer calls refused for the job limit (whole run)", Inv($"{figures.RefusedTransfers}"), Inv($"{figures.AcceptedTransfers} accepted transfer calls"), figures.AcceptedTransfers == 0 ? null : figures.RefusedTransfers / (double)figures.AcceptedTransfers, "≤ 0.01", figures.RefusedTransfers <= figures.AcceptedTransfers / 100.0);
        Row(text, "Zoho calls per offboarding (whole run, token aside)", Inv($"{figures.ZohoCallsPerOffboarding:0.00}"), "every call costs API credits; the endpoints are in the table below", null, "≤ 4", figures.ZohoCallsPerOffboarding <= 4);
        Row(text, "Zoho 429 answers (whole run)", Inv($"{figures.TooManyRequests}"), Inv($"sandbox peak concurrency {data.SandboxPeakConcurrency} of L={o.ZohoConcurrency}"), null, "0", figures.TooManyRequests == 0);
        Row(text, "webhook accepted → Zoho transfer call, paced: p50 / p95 / p99", Ms(pacedLatency), Inv($"{pacedLatency.Count} offboardings"), null, "p99 < 1000 ms", pacedLatency[99] < 1000);
        Row(text, "webhook accepted → Zoho transfer call, burst: p50 / p95 / p99", Ms(burstLatency), "includes waiting in the backlog", null, "(information)", null);
        Row(text, "Zoho job completed → completion event: p50 / p95 / p99", Ms(completion), Inv($"{completion.Count} offboardings; poll timer every second, first poll timed from the learned job duration, back-off 1 s"), null, "(information)", null);
        Row(text, "poll cycle, empty table: median (p95)", Inv($"{poll.Empty.Median:0.0} ms ({poll.Empty[95]:0.0})"), Inv($"{poll.Empty.Count} cycles, in-process"), null, "", null);
        Row(text, Inv($"poll cycle, {poll.Finished:N0} finished offboardings: median (p95)"), Inv($"{poll.WithHistory.Median:0.0} ms ({poll.WithHistory[95]:0.0})"), Inv($"history written at {poll.Seeding.PerSecond:0}/s"), poll.Ratio, "≤ 1.2", poll.Ratio <= 1.2);
        var cores = data.BurstCores;
        Row(text, "CPU during the burst, in cores (profile)", Inv($"machine {cores.Machine:0.00} of {data.Machine.ProcessorCount}"), Inv($"app {cores.App:0.00}, bench process (sandbox, senders) {cores.Bench:0.00}, rest (Azurite, other work on the machine) {cores.Others:0.00}"), null, "(information)", null);
        Row(text, "app memory peak (VmHWM)", Inv($"{data.AppPeakMemoryBytes / (1024.0 * 1024):0} MiB"), "", null, "", null);
        text.AppendLine();

        text.AppendLine("| Zoho endpoint | calls | per offboarding |").AppendLine("|---|---:|---:|");
        foreach (var (endpoint, calls, per) in figures.CallsPerOffboarding())
        {
            text.AppendLine(Inv($"| {endpoint} | {calls} | {per:0.###} |"));
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string measure, string result, string reference, double? ratio, string target, bool? met) =>
        text.AppendLine(Inv($"| {measure} | {result} | {reference} | {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "")} | {target} | {(met is { } m ? (m ? "yes" : "**no**") : "")} |"));

    private static string Ms(Percentiles p) => p.Count == 0 ? "n/a" : Inv($"{p[50]:0} / {p[95]:0} / {p[99]:0} ms");

    private static string Inv(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
