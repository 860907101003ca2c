using System.Text;
using Offboarding.Bench.Measurements;
using static Offboarding.Bench.Reporting.Cells;

namespace Offboarding.Bench.Reporting;

/// <summary>
/// Every run's headline figures side by side, and a verdict per target the issue asks to hold in k of N runs: a
/// figure that holds once may be luck, one that holds every time is the system's.
/// </summary>
public static class RunTable
{
    public static void Render(StringBuilder text, IReadOnlyList<BenchmarkFigures> runs)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(runs);
        text.AppendLine("| run | Zoho calls/s while backlogged (ratio to ceiling, bound by) | paced webhook → transfer p99 | completion event, burst: p50 / p99 | Zoho calls per offboarding | credits per offboarding | status calls per offboarding | unfinished | memory peak |")
            .AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var completion = run.JobToEvent(run.Data.Burst);
            var zoho = run.Backlogged
                ? Inv($"{run.ZohoCallsPerSecond:0.0}/s ({run.ZohoRatio:0.00} of {run.ZohoCallCeiling:0.0}/s, {ResultTable.Bound(run)})")
                : Inv($"no backlog ({run.ZohoCallsPerSecond:0.0}/s)");
            text.AppendLine(Inv($"| {i + 1} | {zoho} | {Ms(run.WebhookToTransfer(run.Data.Paced), 99)} ms | {Ms(completion, 50)} / {Ms(completion, 99)} ms | {run.ZohoCallsOfEveryKindPerOffboarding:0.00} | {run.CreditsPerOffboarding:0.00} | {run.StatusCallsPerOffboarding:0.00} | {run.Lost} | {run.Data.AppPeakMemoryBytes / (1024.0 * 1024):0} MiB |"));
        }

        text.AppendLine();
        var statusTarget = Targets.StatusCallsPerOffboarding(runs[0].Data.Options.JobSeconds);
        Verdict(text, runs, Inv($"Zoho calls/s while backlogged ≥ {Targets.ZohoRatio:0.00} of the binding ceiling"), r => r.Backlogged && r.ZohoRatio >= Targets.ZohoRatio, Targets.ZohoRatioRuns);
        Verdict(text, runs, Inv($"paced webhook → transfer p99 ≤ {Targets.PacedTransferP99Ms:0} ms"), r => r.WebhookToTransfer(r.Data.Paced)[99] <= Targets.PacedTransferP99Ms, Targets.PacedTransferRuns);
        Verdict(text, runs, Inv($"completion event during the burst p50 ≤ {Targets.BurstCompletionP50Ms / 1000:0} s and p99 ≤ {Targets.BurstCompletionP99Ms / 1000:0} s"), r => ResultTable.BurstCompletionMet(r.JobToEvent(r.Data.Burst)), null);
        Verdict(text, runs, Inv($"Zoho calls per offboarding ≤ {Targets.ZohoCallsPerOffboarding:0.0}"), r => r.ZohoCallsOfEveryKindPerOffboarding <= Targets.ZohoCallsPerOffboarding, null);
        if (statusTarget is { } limit)
        {
            Verdict(text, runs, Inv($"status calls per offboarding ≤ {limit:0.0#}"), r => r.StatusCallsPerOffboarding <= limit, null);
        }

        if (Targets.CreditsPerOffboarding(runs[0].Data.Options.JobLimit, runs[0].Data.Options.JobSeconds) is { } credits)
        {
            Verdict(text, runs, Inv($"Zoho API credits per offboarding ≤ {credits:0.0#}"), r => r.CreditsPerOffboarding <= credits, null);
        }

        Verdict(text, runs, "all finished (nothing lost) and no 429", r => r.Lost == 0 && r.TooManyRequests == 0, null);
    }

    // Met when it held in every run, and in at least as many runs as the issue asks for where it names a number.
    private static void Verdict(StringBuilder text, IReadOnlyList<BenchmarkFigures> runs, string target, Func<BenchmarkFigures, bool> holds, int? requiredRuns)
    {
        var held = runs.Count(holds);
        var answer = held < runs.Count ? "**no**"
            : requiredRuns is { } required && runs.Count < required ? Inv($"held, but the issue asks for {required} of {required} runs")
            : "yes";
        text.AppendLine(Inv($"- {target} in {held} of {runs.Count} runs: {answer}"));
    }
}
