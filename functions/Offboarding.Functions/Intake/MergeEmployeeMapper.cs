using System.Text.Json;
using System.Text.Json.Nodes;
using Offboarding.Functions.Contracts;

namespace Offboarding.Functions.Intake;

/// <summary>Turns a Merge employee webhook into the canonical request's JSON, so one reader validates both; INACTIVE with a
/// termination date is a leaver, ACTIVE is staying (rescinds what is not yet sent), the rest is ignored.</summary>
public static class MergeEmployeeMapper
{
    public const string Source = "merge";

    private const int MaxIdLength = 90;

    public static MergeMapping Map(ReadOnlyMemory<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return MergeMapping.Invalid("The body is not valid JSON.");
        }

        if (root is not JsonObject payload || payload["data"] is not JsonObject data)
        {
            return MergeMapping.Invalid("A Merge webhook carries the employee in 'data'.");
        }

        var status = Text(data, "employment_status");
        var terminationDate = Text(data, "termination_date");
        var employeeId = Text(data, "id");
        var linkedAccount = (payload["linked_account"] as JsonObject) is { } account ? Text(account, "id") : null;
        var leaving = string.Equals(status, "INACTIVE", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(terminationDate);
        if (!leaving)
        {
            // ACTIVE again, or the termination date removed: not a leaver, and no longer one if they were.
            // The ids only bound a range query (values, quoted by the table client): any text will do, within a size.
            return employeeId is { Length: <= MaxIdLength } && linkedAccount is null or { Length: <= MaxIdLength }
                ? MergeMapping.Staying("The employee is not INACTIVE with a termination_date, so this is not a leaver.", EmployeePrefix(linkedAccount, employeeId))
                : MergeMapping.Ignored("The employee is not INACTIVE with a termination_date, so this is not a leaver.");
        }

        if (string.IsNullOrEmpty(employeeId))
        {
            return MergeMapping.Invalid("'data.id' (the Merge employee id) is required.");
        }

        // Merge may send several webhooks for one change: the same employee and termination date is one offboarding.
        var eventId = EmployeePrefix(linkedAccount, employeeId) + terminationDate;
        var employee = new JsonObject();
        if (Text(data, "work_email") is { } email)
        {
            employee["workEmail"] = email.Trim();
        }

        if (Text(data, "remote_id") is { } remoteId && FieldRules.HrisId().IsMatch(remoteId) && remoteId.Length <= FieldRules.MaxHrisIdLength)
        {
            employee["hrisId"] = remoteId;
        }

        var name = Text(data, "display_full_name") ?? $"{Text(data, "first_name")} {Text(data, "last_name")}".Trim();
        if (!string.IsNullOrEmpty(name))
        {
            employee["name"] = name.Length > FieldRules.MaxNameLength ? name[..FieldRules.MaxNameLength] : name;
        }

        var canonical = new JsonObject
        {
            ["source"] = Source,
            ["sourceEventId"] = eventId,
            ["effectiveAt"] = NormaliseDate(terminationDate!),
            ["employee"] = employee,
        };
        return MergeMapping.Mapped(JsonSerializer.SerializeToUtf8Bytes(canonical));
    }

    private static string EmployeePrefix(string? linkedAccount, string employeeId) => $"{linkedAccount ?? "unlinked"}:{employeeId}:";

    // Merge usually sends a full RFC 3339 time; a bare date means the start of that day in UTC.
    private static string NormaliseDate(string value) =>
        value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", out _) ? $"{value}T00:00:00Z" : value;

    private static string? Text(JsonObject parent, string name) =>
        parent[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
