using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Intake;

namespace Offboarding.Functions.Batches;

/// <summary>Reads a batch upload (a JSON document or a CSV file with the batch's fields in the query) and checks every
/// row as the webhook's request would be checked, collecting every problem with its line and column.</summary>
public sealed class BatchUploadReader(PublishedSchemas schemas, OffboardingRequestReader requests)
{
    public const string SchemaName = "batch-request.json";
    public const int MaxRows = 10_000;

    /// <summary>How many problems an answer lists; the total is given beside them.</summary>
    public const int MaxListedProblems = 100;

    /// <summary>The source of the offboardings a batch makes; their event id is <c>{batch id}.{line}</c>.</summary>
    public const string Source = "batch";

    private readonly SchemaValidator _schema = schemas[SchemaName];

    public BatchUpload ReadJson(string batchId, ReadOnlyMemory<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return BatchUpload.Refused([new BatchRowProblem(null, null, $"The body is not valid JSON{where}.")]);
        }

        if (root is not JsonObject envelope)
        {
            return BatchUpload.Refused([new BatchRowProblem(null, null, "The body must be a JSON object with name, reason and rows.")]);
        }

        var problems = EnvelopeProblems(envelope);
        var rows = new List<BatchRow>();
        if (envelope["rows"] is JsonArray list)
        {
            for (var i = 0; i < list.Count && i < MaxRows; i++)
            {
                if (ToRow(i + 1, list[i], problems) is { } row)
                {
                    rows.Add(row);
                }
            }
        }

        return Finish(batchId, envelope, rows, problems);
    }

    public BatchUpload ReadCsv(string batchId, string text, string? name, string? reason, string? startAt)
    {
        var envelope = new JsonObject { ["rows"] = new JsonArray() };
        AddIfPresent(envelope, "name", name);
        AddIfPresent(envelope, "reason", reason);
        AddIfPresent(envelope, "startAt", startAt);

        var problems = EnvelopeProblems(envelope);
        var (rows, csvProblems) = BatchCsv.Read(text);
        problems.AddRange(csvProblems);
        return Finish(batchId, envelope, rows, problems);
    }

    private BatchUpload Finish(string batchId, JsonObject envelope, IReadOnlyList<BatchRow> rows, List<BatchRowProblem> problems)
    {
        if (rows.Count == 0 && !problems.Any(p => p.Column == "rows" || p.Line is not null))
        {
            problems.Add(new BatchRowProblem(null, "rows", "The batch lists nobody."));
        }
        else if (rows.Count > MaxRows || (envelope["rows"] is JsonArray list && list.Count > MaxRows))
        {
            problems.Add(new BatchRowProblem(null, "rows", $"At most {MaxRows} people per batch."));
        }

        var members = new List<BatchRowRequest>(rows.Count);
        foreach (var row in rows.Take(MaxRows))
        {
            var read = requests.Read(RequestJson(batchId, row));
            if (read.Request is { } request)
            {
                members.Add(new BatchRowRequest(row, request));
            }
            else
            {
                problems.AddRange(read.Problems.Select(p => new BatchRowProblem(row.Line, ColumnOf(p.Location), p.Detail)));
            }
        }

        if (problems.Count > 0)
        {
            // A cell that is wrong in two ways (not text, so also missing) is one problem to fix: the first said.
            return BatchUpload.Refused([.. problems.DistinctBy(p => (p.Line, p.Column ?? p.Detail))]);
        }

        return new BatchUpload(
            new BatchSubmission(Text(envelope, "name")!, Text(envelope, "reason")!, StartAt(Text(envelope, "startAt")), members),
            []);
    }

    /// <summary>The batch's own fields against the published schema; the rows are checked one by one instead, by line.</summary>
    private List<BatchRowProblem> EnvelopeProblems(JsonObject envelope)
    {
        var copy = new JsonObject(envelope.Where(p => p.Key != "rows").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        copy["rows"] = new JsonArray(new JsonObject());
        using var document = JsonDocument.Parse(copy.ToJsonString());
        var problems = _schema.Problems(document.RootElement)
            .Where(p => !p.Location.StartsWith("/rows", StringComparison.Ordinal))
            .Select(p => new BatchRowProblem(null, p.Location.Length == 0 ? null : p.Location.TrimStart('/'), p.Detail))
            .ToList();
        if (envelope["rows"] is not JsonArray && envelope.ContainsKey("rows"))
        {
            problems.Add(new BatchRowProblem(null, "rows", "Must be a list of people."));
        }

        if (Text(envelope, "startAt") is { } startAt && StartAt(startAt) is null)
        {
            problems.Add(new BatchRowProblem(null, "startAt", "Must be an RFC 3339 date-time with an offset, e.g. 2026-03-31T17:00:00Z."));
        }

        return problems;
    }

    private static BatchRow? ToRow(int line, JsonNode? item, List<BatchRowProblem> problems)
    {
        if (item is not JsonObject member)
        {
            problems.Add(new BatchRowProblem(line, null, "Must be an object with the row's columns."));
            return null;
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in member)
        {
            if (!BatchColumns.All.Contains(name, StringComparer.Ordinal))
            {
                problems.Add(new BatchRowProblem(line, new string([.. name.Where(c => !char.IsControl(c)).Take(64)]), $"Unknown column; the columns are {string.Join(", ", BatchColumns.All)}."));
            }
            else if (value is null)
            {
                fields[name] = null;
            }
            else if (value.GetValueKind() == JsonValueKind.String)
            {
                fields[name] = value.GetValue<string>();
            }
            else
            {
                problems.Add(new BatchRowProblem(line, name, "Must be a string."));
            }
        }

        return new BatchRow(line, fields);
    }

    /// <summary>The row as the webhook's canonical request, so the same schema and rules judge it.</summary>
    private static byte[] RequestJson(string batchId, BatchRow row)
    {
        var employee = new JsonObject();
        AddIfPresent(employee, "workEmail", row[BatchColumns.WorkEmail]);
        AddIfPresent(employee, "hrisId", row[BatchColumns.HrisId]);
        AddIfPresent(employee, "name", row[BatchColumns.Name]);
        var request = new JsonObject
        {
            ["source"] = Source,
            ["sourceEventId"] = MemberEventId(batchId, row.Line),
            ["employee"] = employee,
        };
        AddIfPresent(request, "effectiveAt", row[BatchColumns.EffectiveAt]);
        AddIfPresent(request, "operation", row[BatchColumns.Operation]);
        if (row[BatchColumns.TransferTo] is { } to)
        {
            request["transfer"] = new JsonObject { ["to"] = to.Contains('@', StringComparison.Ordinal) ? new JsonObject { ["email"] = to } : new JsonObject { ["zohoUserId"] = to } };
        }

        return Encoding.UTF8.GetBytes(request.ToJsonString());
    }

    public static string MemberEventId(string batchId, int line) => string.Create(CultureInfo.InvariantCulture, $"{batchId}.{line}");

    private static void AddIfPresent(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    /// <summary>The column a request problem is about (its JSON Pointer in the request built from the row).</summary>
    private static string? ColumnOf(string pointer) => pointer switch
    {
        "/employee/workEmail" or "/employee" or "/employee/zohoUserId" => BatchColumns.WorkEmail,
        "/employee/hrisId" => BatchColumns.HrisId,
        "/employee/name" => BatchColumns.Name,
        "/effectiveAt" => BatchColumns.EffectiveAt,
        "/operation" or "/role" or "/portal" => BatchColumns.Operation,
        _ when pointer.StartsWith("/transfer", StringComparison.Ordinal) => BatchColumns.TransferTo,
        _ => null,
    };

    private static string? Text(JsonObject parent, string name) =>
        parent[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static DateTimeOffset? StartAt(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
        && (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-'))
            ? at.ToUniversalTime()
            : null;
}

/// <summary>A row that passed, with the canonical request it became.</summary>
public sealed record BatchRowRequest(BatchRow Row, OffboardingRequest Request);

/// <summary>A valid batch: its fields and its people, in upload order.</summary>
public sealed record BatchSubmission(string Name, string Reason, DateTimeOffset? StartAt, IReadOnlyList<BatchRowRequest> Rows);

/// <summary>Either a submission or every problem found.</summary>
public sealed record BatchUpload(BatchSubmission? Submission, IReadOnlyList<BatchRowProblem> Problems)
{
    public static BatchUpload Refused(IReadOnlyList<BatchRowProblem> problems) => new(null, problems);
}
