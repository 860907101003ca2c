using System.Globalization;
using System.Text;
using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
using Zoho.Crm.Sandbox.Api;
using static Offboarding.Bench.Reporting.Cells;

namespace Offboarding.Bench.Budget;

/// <summary>The <c>budget</c> verb (issue 26): a layoff over the app's credit budget never spends more than the budget in any
/// rolling window, by the sandbox's own call log, and completes; printed and written to bench/results/budget.md.</summary>
public static class BudgetCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, string command, CancellationToken cancellationToken)
    {
        var options = BudgetOptions.Parse(args);
        Say($"budget: {options.Describe()}");
        var result = await BudgetRun.RunAsync(options, Say, cancellationToken).ConfigureAwait(false);
        var (text, met) = Render(result, command);
        Directory.CreateDirectory(options.OutputFolder);
        var path = Path.Combine(options.OutputFolder, "budget.md");
        await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(text);
        Console.WriteLine($"written: {path}");
        return met ? 0 : 1;
    }

    private static (string Text, bool Met) Render(BudgetResult result, string command)
    {
        var o = result.Options;
        var charged = result.Calls.Where(CreditWindows.IsCharged).ToList();
        var busiest = CreditWindows.Busiest(result.Calls, o.CreditWindow);
        var completed = result.Finished.Count(e => e.Type.EndsWith(".offboarding.completed", StringComparison.Ordinal));
        var failed = result.Finished.Count - completed;
        var accepted = result.Submissions.Count(s => s.OffboardingId is not null);
        var lastEnd = result.Finished.Count == 0 ? (DateTimeOffset?)null : result.Finished.Max(e => e.SeenAt);
        var took = (lastEnd ?? DateTimeOffset.UtcNow) - result.Start;
        var refused = result.Calls.Count(c => c.Status == 429);
        var transfers = result.Calls.Count(c => c.Endpoint == ZohoRoutes.TransferAndDelete && c.Status == 200);
        var allCompleted = completed == o.Count;
        var withinBudget = busiest.Credits <= o.CreditBudget;

        var text = new StringBuilder();
        text.AppendLine(Inv($"# Credit budget run, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC")).AppendLine();
        text.AppendLine(Inv($"- machine: {MachineInfo.Current()}"));
        text.AppendLine(Inv($"- command: `{command}`"));
        text.AppendLine(Inv($"- run: {o.Describe()}"));
        text.AppendLine(Inv($"- app: on the local Functions host, Release, its own process; {result.AppSettings}; Azurite on disk; the sandbox in the bench process, its org's own credits not limiting (100,000,000)"));
        text.AppendLine("- credits counted from the sandbox's call log, not the app's ledger: every CRM call answered other than 401 (token calls free; 429s would count, overstating), stamped when answered").AppendLine();
        text.AppendLine("| measure | result | target | met |").AppendLine("|---|---:|---|---|");
        Row(text, "offboardings completed", Inv($"{completed} of {o.Count} ({accepted} webhooks accepted, {failed} failed, {accepted - result.Finished.Count} unfinished at the deadline)"), "all", allCompleted);
        Row(text, Inv($"most credits spent in any rolling {Window(o.CreditWindow)} (sandbox's call log)"), Inv($"{busiest.Credits} ({Clock(busiest.First)} → {Clock(busiest.Last)})"), Inv($"≤ {o.CreditBudget} (Zoho__CreditBudget)"), withinBudget);
        Row(text, "took: first webhook sent → last completion event", Inv($"{took.TotalMinutes:0.0} min"), "(reported)", null);
        Row(text, "credits spent in all (sandbox's call log)", Inv($"{charged.Count}, {charged.Count / (double)Math.Max(1, completed):0.00} per completed offboarding ({string.Join(", ", charged.GroupBy(c => c.Endpoint).OrderByDescending(g => g.Count()).Select(g => Inv($"{g.Key} {g.Count()}")))})"), Inv($"more than {o.CreditBudget}: the layoff needs more than one window"), charged.Count > o.CreditBudget);
        Row(text, "transfer_and_delete calls that scheduled a job", Inv($"{transfers}"), Inv($"{o.Count}: one each, none twice"), transfers == o.Count);
        Row(text, "Zoho 429 answers", Inv($"{refused}"), "0: the app held back, Zoho never had to refuse", refused == 0);
        text.AppendLine();

        text.AppendLine(Inv($"| minute from the first webhook | credits spent (sandbox) | spent in the {Window(o.CreditWindow)} ending then | offboardings completed |")).AppendLine("|---:|---:|---:|---:|");
        var minutes = (int)Math.Ceiling(took.TotalMinutes);
        for (var minute = 0; minute < minutes; minute++)
        {
            var from = result.Start + TimeSpan.FromMinutes(minute);
            var to = from + TimeSpan.FromMinutes(1);
            var spent = charged.Count(c => c.Time >= from && c.Time < to);
            var inWindow = charged.Count(c => c.Time >= to - o.CreditWindow && c.Time < to);
            var ended = result.Finished.Count(e => e.SeenAt >= from && e.SeenAt < to);
            text.AppendLine(Inv($"| {minute + 1} | {spent} | {inWindow} | {ended} |"));
        }

        text.AppendLine();
        text.AppendLine(Inv($"- every offboarding completed: {(allCompleted ? "yes" : "**no**")}; never more than the budget in any rolling window: {(withinBudget ? "yes" : "**no**")}"));
        return (text.ToString(), allCompleted && withinBudget && refused == 0 && transfers == o.Count);
    }

    private static string Window(TimeSpan window) => window.TotalMinutes >= 1 && window.TotalMinutes == Math.Floor(window.TotalMinutes)
        ? Inv($"{window.TotalMinutes:0}-minute window")
        : Inv($"{window.TotalSeconds:0.#}-second window");

    private static string Clock(DateTimeOffset? at) => at is { } time ? time.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    private static void Row(StringBuilder text, string measure, string result, string target, bool? met) =>
        text.AppendLine(Inv($"| {measure} | {result} | {target} | {Met(met)} |"));

    private static void Say(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
