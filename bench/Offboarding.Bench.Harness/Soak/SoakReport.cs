using System.Globalization;
using System.Text;

namespace Offboarding.Bench.Harness.Soak;

/// <summary>
/// The verdict on a run: the counts, for each broken promise a line saying which offboarding broke it, and the
/// reasons the failed offboardings give (a failure with a reason is allowed, but worth reading).
/// </summary>
public sealed record SoakReport(SoakCounts Counts, IReadOnlyList<string> Violations, IReadOnlyList<string> Failures)
{
    public bool IsClean => Violations.Count == 0;

    /// <summary>The counts as a markdown table (the invariants first, then what the run went through).</summary>
    public string ToMarkdown()
    {
        var c = Counts;
        var rows = new (string What, int Value, string Expected)[]
        {
            ("offboardings accepted", c.Offboardings, $"= webhooks ({c.Webhooks})"),
            ("completed", c.Completed, ""),
            ("failed with a reason", c.FailedWithReason, ""),
            ("lost (no record, or never finished)", c.Lost, "0"),
            ("failed without a reason", c.FailedWithoutReason, "0"),
            ("webhooks never accepted", c.NotAccepted, "0"),
            ("users deleted twice (>1 Zoho job)", c.UsersDeletedTwice, "0"),
            ("offboardings with duplicate accepted transfer calls", c.DuplicateTransferCalls, "0"),
            ("duplicate event ids", c.DuplicateEventIds, "0"),
            ("offboardings without a terminal event", c.MissingTerminalEvents, "0"),
            ("offboardings with conflicting terminal events", c.ConflictingTerminalEvents, "0"),
            ("poison messages", c.PoisonMessages, ""),
            ("poison messages whose record does not say why", c.PoisonUnexplained, "0"),
            ("Zoho calls (all endpoints)", c.ZohoCalls, ""),
            ("injected 500 INTERNAL_ERROR", c.Injected500s, ""),
            ("injected 429 TOO_MANY_REQUESTS", c.Injected429s, ""),
            ("injected dropped connections (before serving)", c.InjectedDrops, ""),
            ("injected lost responses (served, answer dropped)", c.InjectedLostResponses, ""),
            ("transfer calls refused by Zoho (not injected)", c.TransferCallsRejected, ""),
            ("… of which for its concurrent-job limit", c.TransferCallsRefusedForJobLimit, ""),
            ("offboardings failed for Zoho's job limit", c.FailedForBeingBusy, "0"),
            ("offboardings reconciled after a lapsed claim (holder killed)", c.ReconciledClaims, ""),
        };
        var text = new StringBuilder();
        text.AppendLine("| count | value | must be |").AppendLine("|---|---:|---|");
        foreach (var (what, value, expected) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {value} | {expected} |");
        }

        text.AppendLine().AppendLine(IsClean ? "All invariants hold." : $"{Violations.Count} violation line(s):");
        foreach (var violation in Violations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {violation}");
        }

        if (Failures.Count > 0)
        {
            text.AppendLine().AppendLine("Failed offboardings, by reason:");
            foreach (var failure in Failures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {failure}");
            }
        }

        return text.ToString();
    }
}
