using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary>One line of a batch's report: the person, the outcome, the Zoho user and job, the target and its rule, the times, who approved.</summary>
public sealed record BatchReportLine(
    int Line, string? WorkEmail, string? HrisId, string? Name, string Outcome, string Plan, string? Detail,
    string? LeaverZohoId, string? ZohoJobId, string? TargetZohoId, string? TargetRule, string? TargetReason,
    DateTimeOffset? StartedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? FinishedAt, string? FailureCode,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, string OffboardingId);

/// <summary><c>GET /api/batches/{id}/report</c>: every person of the batch, as JSON, or as CSV with <c>?format=csv</c> or
/// <c>Accept: text/csv</c> (for legal and audit). The offboardings are read in one query, not one per person.</summary>
public sealed class BatchReportHandler(BatchStore store, OffboardingStore offboardings) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BatchResponses.RouteId(request) is not { } id || await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return BatchResponses.NotFound();
        }

        var batch = stored.Batch;
        var members = await store.MembersAsync(id, cancellationToken).ConfigureAwait(false);
        var records = new Dictionary<string, OffboardingRecord>(StringComparer.Ordinal);
        await foreach (var record in offboardings.BySourceEventPrefixAsync(BatchUploadReader.Source, id + ".", cancellationToken).ConfigureAwait(false))
        {
            records[record.Record.Id] = record.Record;
        }

        var lines = members.OrderBy(m => m.Line).Select(m => LineOf(batch, m, records.GetValueOrDefault(m.OffboardingId))).ToList();
        var csv = request.QueryValue("format") is { } format ? format.Equals("csv", StringComparison.OrdinalIgnoreCase) : request.Header("Accept")?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        return csv
            ? new HttpAnswer(200, Csv(lines), "text/csv; charset=utf-8", new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename=\"batch-{id}-report.csv\"" })
            : HttpAnswer.Json(200, new { batchId = id, batch.Name, batch.Reason, state = batch.State, batch.SubmittedBy, approval = batch.Approval, batch.StartedAt, batch.FinishedAt, people = lines });
    }

    private static BatchReportLine LineOf(BatchRecord batch, BatchMember member, OffboardingRecord? record)
    {
        var states = record is null ? new Dictionary<string, OffboardingState>() : new Dictionary<string, OffboardingState> { [record.Id] = record.State };
        return new BatchReportLine(member.Line, member.WorkEmail, member.HrisId, member.Name, BatchProgress.StateOf(member, states),
            System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Plan.ToString()), record?.FailureMessage ?? member.PlanDetail,
            record?.LeaverZohoId ?? member.LeaverZohoId, record?.ZohoJobId, record?.TargetZohoId ?? member.TargetZohoId,
            member.TargetRule is { } rule ? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(rule.ToString()) : null, member.TargetReason,
            member.StartedAt, record?.SubmittedAt, record?.FinishedAt, record?.FailureCode, batch.Approval?.By, batch.Approval?.At, member.OffboardingId);
    }

    private static readonly string[] Header =
    [
        "line", "workEmail", "hrisId", "name", "outcome", "plan", "detail", "leaverZohoId", "zohoJobId", "targetZohoId", "targetRule", "targetReason",
        "startedAt", "submittedAt", "finishedAt", "failureCode", "approvedBy", "approvedAt", "offboardingId",
    ];

    private static string Csv(IEnumerable<BatchReportLine> lines)
    {
        var text = new StringBuilder().AppendJoin(',', Header).Append("\r\n");
        foreach (var l in lines)
        {
            string?[] fields =
            [
                l.Line.ToString(CultureInfo.InvariantCulture), l.WorkEmail, l.HrisId, l.Name, l.Outcome, l.Plan, l.Detail, l.LeaverZohoId, l.ZohoJobId,
                l.TargetZohoId, l.TargetRule, l.TargetReason, Time(l.StartedAt), Time(l.SubmittedAt), Time(l.FinishedAt), l.FailureCode, l.ApprovedBy,
                Time(l.ApprovedAt), l.OffboardingId,
            ];
            text.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string? Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture);

    // Quoted when needed (RFC 4180); a leading = + - @ is neutralised, so a spreadsheet never runs a cell as a formula.
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var safe = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
