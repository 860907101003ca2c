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
        Row(text, "approval → last completion", $"{r.ApprovalToEnd.TotalSeconds:0.0} s", $"the estimate before approval: {r.Estimate.TotalSeconds:0} s", r.Estimate > TimeSpan.Zero ? $"{r.ApprovalToEnd / r.Estimate:0.00}" : "", "(reported)", "");
        Row(text, "peak Zoho jobs at once", $"{r.PeakJobs}", $"J = {o.JobLimit}", "", $"≤ {o.JobLimit}", Met(r.PeakJobs <= o.JobLimit));
        Row(text, "peak Zoho calls at once", $"{r.PeakConcurrentCalls}", $"org API concurrency {o.OrgConcurrencyLimit}", "", $"≤ {o.OrgConcurrencyLimit}", Met(r.PeakConcurrentCalls <= o.OrgConcurrencyLimit));
        Row(text, "transfer calls refused for the job limit", $"{r.RefusedForJobLimit}", "", "", "0", Met(r.RefusedForJobLimit == 0));
        Row(text, "calls refused for API concurrency", $"{r.RefusedForConcurrency}", "", "", "0", Met(r.RefusedForConcurrency == 0));
        return text.ToString();
    }

    private static void Row(StringBuilder text, string measure, string result, string reference, string ratio, string target, string met) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {result} | {reference} | {ratio} | {target} | {met} |");

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static void Say(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
