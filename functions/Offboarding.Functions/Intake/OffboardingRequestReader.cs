using System.Globalization;
using System.Text.Json;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Intake;

/// <summary>Reads the canonical request against the published schema and the rules a schema cannot express, collecting every
/// problem so a sender can fix them all at once.</summary>
public sealed class OffboardingRequestReader(PublishedSchemas schemas, TimeProvider time)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    // RFC 3339 requires the offset, so a bare local time is refused rather than guessed.
    private static readonly string[] EffectiveTimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private readonly SchemaValidator _schema = schemas[PublishedSchemas.Request];
    private readonly TimeProvider _time = time;

    /// <summary>How far ahead an effective time may be; further is almost certainly a data error.</summary>
    public static TimeSpan MaxFutureEffectiveTime { get; } = TimeSpan.FromDays(366);

    public RequestReadResult Read(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            // JsonException's message quotes positions, not content, so it is safe to return.
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return new RequestReadResult(null, [new ValidationProblem(string.Empty, $"The body is not valid JSON{where}.")], true);
        }

        using (document)
        {
            var root = document.RootElement;
            var problems = new List<ValidationProblem>(_schema.Problems(root));
            CheckRulesBeyondTheSchema(root, problems);
            return problems.Count == 0 ? RequestReadResult.Valid(ToRequest(root)) : new RequestReadResult(null, problems, false);
        }
    }

    // The rules the schema's description lists as the intake's own.
    private void CheckRulesBeyondTheSchema(JsonElement root, List<ValidationProblem> problems)
    {
        CheckText(root, string.Empty, problems);
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (Text(root, "effectiveAt") is { } effectiveAt && EffectiveTime(effectiveAt) is var at)
        {
            if (at is null)
            {
                problems.Add(new ValidationProblem("/effectiveAt", "Must be an RFC 3339 date-time with an offset, e.g. 2026-03-31T17:00:00Z."));
            }
            else if (at - _time.GetUtcNow() > MaxFutureEffectiveTime)
            {
                problems.Add(new ValidationProblem("/effectiveAt", "Is more than a year ahead."));
            }
        }

        if (Member(root, "transfer") is { } transfer && Flag(transfer, "records") == false && Flag(transfer, "assignment") == false && Flag(transfer, "criteria") == false)
        {
            problems.Add(new ValidationProblem("/transfer", "At least one of records, assignment and criteria must be true, or the leaver's work is lost."));
        }

        if (Member(root, "role") is { } role && Text(role, "roleId") is { } roleId && roleId == Text(role, "transferToRoleId"))
        {
            problems.Add(new ValidationProblem("/role/transferToRoleId", "Must differ from roleId."));
        }

        if (Member(root, "portal") is { } portal && Text(portal, "fromUserTypeId") is { } from && from == Text(portal, "toUserTypeId"))
        {
            problems.Add(new ValidationProblem("/portal/toUserTypeId", "Must differ from fromUserTypeId."));
        }
    }

    // JSON allows a member twice and any character in a string; neither has a place in an identifier, a key or a log line.
    private static void CheckText(JsonElement element, string pointer, List<ValidationProblem> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var at = Pointer.Child(pointer, property.Name);
                    if (!seen.Add(property.Name))
                    {
                        problems.Add(new ValidationProblem(at, "Appears more than once."));
                    }

                    CheckText(property.Value, at, problems);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckText(item, $"{pointer}/{index++}", problems);
                }

                break;
            case JsonValueKind.String when !IsPrintable(element.GetString()!) && !problems.Any(p => p.Location == pointer):
                problems.Add(new ValidationProblem(pointer, "Must not contain control characters or broken Unicode."));
                break;
        }
    }

    private static bool IsPrintable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                return false;
            }

            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static DateTimeOffset? EffectiveTime(string value) =>
        DateTimeOffset.TryParseExact(value, EffectiveTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
        && (value.EndsWith('Z') || value.EndsWith('z') || value[^6] is '+' or '-')
            ? at
            : null;

    // Only called on a request the schema and the rules above accepted, so every member has the shape they allow.
    private static OffboardingRequest ToRequest(JsonElement root) => new()
    {
        Source = Text(root, "source")!.ToLowerInvariant(),
        SourceEventId = Text(root, "sourceEventId")!,
        Operation = Text(root, "operation") is { } operation ? OffboardingOperationExtensions.ByWireName[operation] : OffboardingOperation.UserTransferAndDelete,
        EffectiveAt = Text(root, "effectiveAt") is { } at ? EffectiveTime(at)!.Value.ToUniversalTime() : null,
        DryRun = Flag(root, "dryRun") ?? false,
        Employee = Member(root, "employee") is { } employee
            ? new EmployeeIdentity
            {
                WorkEmail = Text(employee, "workEmail")?.ToLowerInvariant(),
                HrisId = Text(employee, "hrisId"),
                Name = Text(employee, "name"),
                ZohoUserId = Text(employee, "zohoUserId"),
            }
            : null,
        Transfer = Member(root, "transfer") is { } transfer
            ? new RecordTransfer
            {
                To = UserReference(transfer, "to"),
                Records = Flag(transfer, "records") ?? true,
                Assignment = Flag(transfer, "assignment") ?? true,
                Criteria = Flag(transfer, "criteria") ?? true,
            }
            : new RecordTransfer(),
        Subordinates = UserReference(root, "subordinates"),
        Role = Member(root, "role") is { } role ? new RoleTransfer(Text(role, "roleId")!, Text(role, "transferToRoleId")!) : null,
        Portal = Member(root, "portal") is { } portal
            ? new PortalTransfer(
                Text(portal, "name")!,
                Text(portal, "fromUserTypeId")!,
                Text(portal, "toUserTypeId")!,
                [.. portal.GetProperty("personalityIds").EnumerateArray().Select(id => id.GetString()!).Distinct()])
            : null,
    };

    private static UserReference? UserReference(JsonElement parent, string name) => Member(parent, name) is { } reference
        ? new UserReference { ZohoUserId = Text(reference, "zohoUserId"), Email = Text(reference, "email")?.ToLowerInvariant() }
        : null;

    // A null member means the same as an absent one (the schema allows null for every optional member).
    private static JsonElement? Member(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Flag(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
