using System.Globalization;
using System.Text;
using Offboarding.Bench.Harness.Stack;

namespace Offboarding.Bench.Layoff;

/// <summary>The <c>layoff</c> verb: a batch of up to 10,000 people run to the end on the local stack, against the issue's
/// target of at least 0.8 of J / job duration; a table in bench/results/layoff.md.</summary>
public static class LayoffCommand
{
    /// <summary>The share of Zoho's job ceiling a batch must reach on the local stack.</summary>
    public const double Target = 0.8;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, string command, CancellationToken cancellationToken)
    {
        var options = LayoffOptions.Parse(args);
        Say($"layoff: {options.Describe()}");
        var result = await LayoffRun.RunAsync(options, Say, cancellationToken).ConfigureAwait(false);
        var text = Render(result, command);
        var folder = Path.Combine(TestSupport.RepositoryRoot.Path, "bench", "results");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "layoff.md"), text, cancellationToken).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(text);
        return result.BatchFinished && result.Finished == result.Ready && result.RefusedForJobLimit == 0 && result.RefusedForConcurrency == 0 ? 0 : 1;
    }

    private static string Render(LayoffResult r, string command)
    {
        var o = r.Options;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# A layoff batch on the local stack, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {MachineInfo.Current()} (the app, Azurite and the sandbox share it)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- command: `{command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- run: {o.Describe()}; the CSV uploaded to POST /api/batches, approved, followed with GET /api/batches/{{id}}?view=progress").AppendLine();
        text.AppendLine("| measure | result | reference | ratio | target | met |");
        text.AppendLine("|---|---:|---|---:|---|---|");
        Row(text, "people planned ready", $"{r.Ready} of {o.Count}", "", "", "", "");
        Row(text, "planning (upload → answer with the plan)", $"{r.Planning.TotalSeconds:0.0} s", "one POST /api/batches with the CSV", "", "(reported)", "");
        Row(text, "finished (announced by a completion event)", $"{r.Finished} of {r.Ready}", r.BatchFinished ? "the batch says finished" : "**the batch did not finish by the deadline**", "", "all", Met(r.BatchFinished && r.Finished == r.Ready));
        Row(text, "offboardings/s (first transfer call → last completion)", $"{r.PerSecond:0.0}/s", $"J / job duration = {o.JobLimit}/{o.JobSeconds} s = {o.JobCeilingPerSecond:0.#}/s", $"{r.ShareOfCeiling:0.00}", $"≥ {Target:0.0}", Met(r.ShareOfCeiling >= Target));
        EstimateRows(text, r);
        Row(text, "peak Zoho jobs at once", $"{r.PeakJobs}", $"J = {o.JobLimit}", "", $"≤ {o.JobLimit}", Met(r.PeakJobs <= o.JobLimit));
        Row(text, "peak Zoho calls at once", $"{r.PeakConcurrentCalls}", $"org API concurrency {o.OrgConcurrencyLimit}", "", $"≤ {o.OrgConcurrencyLimit}", Met(r.PeakConcurrentCalls <= o.OrgConcurrencyLimit));
        Row(text, "transfer calls refused for the job limit", $"{r.RefusedForJobLimit}", "", "", "0", Met(r.RefusedForJobLimit == 0));
        Row(text, "calls refused for API concurrency", $"{r.RefusedForConcurrency}", "", "", "0", Met(r.RefusedForConcurrency == 0));
        return text.ToString();
    }

    // The estimate is the app's own (POST /api/batches), made after the warm-up taught it Zoho's job durations.
    private static void EstimateRows(StringBuilder text, LayoffResult r)
    {
        var (o, e, w) = (r.Options, r.Estimate, r.WarmUp);
        Row(text, "warm-up: offboarded one by one before the upload", $"{w.Finished} of {w.People} in {w.Elapsed.TotalSeconds:0.0} s", $"webhooks in waves of {w.Wave}, as on the days before a layoff, so the app has learned Zoho's job durations", "", "(reported)", "");
        Row(text, "job duration the estimate used", $"{e.JobSeconds:0.00} s", $"{e.JobDurationBasis}; the sandbox's jobs take {o.JobSeconds} s", "", "(reported)", "");
        Row(text, "the estimate before approval", $"{e.Duration.TotalSeconds:0.0} s, {e.Credits} credits", $"⌈{e.People} / J={e.JobLimit}⌉ = {e.Waves} waves of {e.JobSeconds:0.00} s; credits: {e.CreditBasis}", "", "(reported)", "");
        var pace = r.ShareOfCeiling < Target
            ? $"; this stack ran at {r.ShareOfCeiling:0.00} of J / job duration (row above): the estimate counts on Zoho's pace, which the app, Azurite and the sandbox sharing this machine do not reach"
            : "";
        Row(text, "approval → last completion, against the estimate", $"{r.ApprovalToEnd.TotalSeconds:0.0} s", $"the estimate: {e.Duration.TotalSeconds:0.0} s{pace}", e.Duration > TimeSpan.Zero ? $"{e.Ratio(r.ApprovalToEnd):0.00}" : "",
            $"{1 - LayoffEstimate.Tolerance:0.00}–{1 + LayoffEstimate.Tolerance:0.00} (±{LayoffEstimate.Tolerance:0%}, the end-to-end test's)", Met(e.Within(r.ApprovalToEnd)));
    }

    private static void Row(StringBuilder text, string measure, string result, string reference, string ratio, string target, string met) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {result} | {reference} | {ratio} | {target} | {met} |");

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static void Say(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
