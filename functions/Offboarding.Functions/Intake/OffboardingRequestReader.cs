using System.Globalization;
using System.Text.Json;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Intake;

/// <summary>
/// Reads the canonical request from raw JSON and checks it against the schema the README documents,
/// collecting every problem (not just the first) so a sender can fix them all at once.
/// </summary>
public sealed class OffboardingRequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    private static readonly HashSet<string> RootProperties =
        ["source", "sourceEventId", "operation", "effectiveAt", "employee", "transfer", "subordinates", "role", "portal", "dryRun"];

    private static readonly HashSet<string> EmployeeProperties = ["workEmail", "hrisId", "name", "zohoUserId"];
    private static readonly HashSet<string> TransferProperties = ["to", "records", "assignment", "criteria"];
    private static readonly HashSet<string> UserReferenceProperties = ["zohoUserId", "email"];
    private static readonly HashSet<string> RoleProperties = ["roleId", "transferToRoleId"];
    private static readonly HashSet<string> PortalProperties = ["name", "fromUserTypeId", "toUserTypeId", "personalityIds"];

    private readonly TimeProvider _time;

    public OffboardingRequestReader(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

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
            var problems = new List<ValidationProblem>();
            var request = ReadRoot(document.RootElement, problems);
            return problems.Count == 0 && request is not null ? RequestReadResult.Valid(request) : new RequestReadResult(null, problems, false);
        }
    }

    private OffboardingRequest? ReadRoot(JsonElement root, List<ValidationProblem> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ValidationProblem(string.Empty, "The body must be a JSON object."));
            return null;
        }

        RejectUnknown(root, string.Empty, RootProperties, problems);

        var source = RequiredString(root, "source", "/source", FieldRules.MaxSourceLength, problems);
        if (source is not null && !FieldRules.Source().IsMatch(source))
        {
            problems.Add(new ValidationProblem("/source", "Must start with a letter or digit and hold only letters, digits, '.', '_' and '-'."));
        }

        var eventId = RequiredString(root, "sourceEventId", "/sourceEventId", FieldRules.MaxEventIdLength, problems);
        if (eventId is not null && !FieldRules.EventId().IsMatch(eventId))
        {
            problems.Add(new ValidationProblem("/sourceEventId", "Must start with a letter or digit and hold only letters, digits and . _ : @ / + = -"));
        }

        var operation = ReadOperation(root, problems);
        var effectiveAt = ReadEffectiveAt(root, problems);
        var dryRun = OptionalBool(root, "dryRun", "/dryRun", problems) ?? false;
        var employee = ReadObject(root, "employee", "/employee", problems, ReadEmployee);
        var transfer = ReadObject(root, "transfer", "/transfer", problems, ReadTransfer) ?? new RecordTransfer();
        var subordinates = ReadObject(root, "subordinates", "/subordinates", problems, ReadUserReference);
        var role = ReadObject(root, "role", "/role", problems, ReadRole);
        var portal = ReadObject(root, "portal", "/portal", problems, ReadPortal);

        CheckOperationParts(operation, root, role, portal, problems);

        if (problems.Count > 0 || source is null || eventId is null)
        {
            return null;
        }

        return new OffboardingRequest
        {
            Source = source.ToLowerInvariant(),
            SourceEventId = eventId,
            Operation = operation,
            EffectiveAt = effectiveAt,
            Employee = employee,
            Transfer = transfer,
            Subordinates = subordinates,
            Role = role,
            Portal = portal,
            DryRun = dryRun,
        };
    }

    private static void CheckOperationParts(
        OffboardingOperation operation,
        JsonElement root,
        RoleTransfer? role,
        PortalTransfer? portal,
        List<ValidationProblem> problems)
    {
        switch (operation)
        {
            case OffboardingOperation.UserTransferAndDelete:
                if (!root.TryGetProperty("employee", out _))
                {
                    problems.Add(new ValidationProblem("/employee", "Required for the user_transfer_and_delete operation."));
                }

                break;
            case OffboardingOperation.RoleDeleteAndTransfer:
                if (!root.TryGetProperty("role", out _))
                {
                    problems.Add(new ValidationProblem("/role", "Required for the role_delete_and_transfer operation."));
                }
                else if (role is not null && role.RoleId == role.TransferToRoleId)
                {
                    problems.Add(new ValidationProblem("/role/transferToRoleId", "Must differ from roleId."));
                }

                break;
            case OffboardingOperation.PortalUserTypeTransfer:
                if (!root.TryGetProperty("portal", out _))
                {
                    problems.Add(new ValidationProblem("/portal", "Required for the portal_user_type_transfer operation."));
                }
                else if (portal is not null && portal.FromUserTypeId == portal.ToUserTypeId)
                {
                    problems.Add(new ValidationProblem("/portal/toUserTypeId", "Must differ from fromUserTypeId."));
                }

                break;
        }
    }

    private static OffboardingOperation ReadOperation(JsonElement root, List<ValidationProblem> problems)
    {
        var value = OptionalString(root, "operation", "/operation", 64, problems);
        if (value is null)
        {
            return OffboardingOperation.UserTransferAndDelete;
        }

        if (OffboardingOperationExtensions.ByWireName.TryGetValue(value, out var operation))
        {
            return operation;
        }

        problems.Add(new ValidationProblem("/operation", $"Must be one of: {string.Join(", ", OffboardingOperationExtensions.ByWireName.Keys)}."));
        return OffboardingOperation.UserTransferAndDelete;
    }

    private DateTimeOffset? ReadEffectiveAt(JsonElement root, List<ValidationProblem> problems)
    {
        var value = OptionalString(root, "effectiveAt", "/effectiveAt", 40, problems);
        if (value is null)
        {
            return null;
        }

        // RFC 3339 requires the offset, so a bare local time is refused rather than guessed.
        if (!DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || !(value.EndsWith('Z') || value.EndsWith('z') || value[^6] is '+' or '-'))
        {
            problems.Add(new ValidationProblem("/effectiveAt", "Must be an RFC 3339 date-time with an offset, e.g. 2026-03-31T17:00:00Z."));
            return null;
        }

        if (at - _time.GetUtcNow() > MaxFutureEffectiveTime)
        {
            problems.Add(new ValidationProblem("/effectiveAt", "Is more than a year ahead."));
            return null;
        }

        return at.ToUniversalTime();
    }

    private static EmployeeIdentity ReadEmployee(JsonElement element, string pointer, List<ValidationProblem> problems)
    {
        RejectUnknown(element, pointer, EmployeeProperties, problems);
        if (!element.TryGetProperty("workEmail", out _) && !element.TryGetProperty("zohoUserId", out _))
        {
            problems.Add(new ValidationProblem(pointer, "Needs workEmail or zohoUserId to find the Zoho user."));
        }

        return new EmployeeIdentity
        {
            WorkEmail = Email(element, "workEmail", pointer, problems),
            HrisId = Matching(element, "hrisId", pointer, FieldRules.MaxHrisIdLength, FieldRules.HrisId(), "letters, digits and . _ : -", problems),
            Name = OptionalString(element, "name", $"{pointer}/name", FieldRules.MaxNameLength, problems),
            ZohoUserId = ZohoId(element, "zohoUserId", pointer, problems),
        };
    }

    private static RecordTransfer ReadTransfer(JsonElement element, string pointer, List<ValidationProblem> problems)
    {
        RejectUnknown(element, pointer, TransferProperties, problems);
        var transfer = new RecordTransfer
        {
            To = ReadObject(element, "to", $"{pointer}/to", problems, ReadUserReference),
            Records = OptionalBool(element, "records", $"{pointer}/records", problems) ?? true,
            Assignment = OptionalBool(element, "assignment", $"{pointer}/assignment", problems) ?? true,
            Criteria = OptionalBool(element, "criteria", $"{pointer}/criteria", problems) ?? true,
        };
        if (!transfer.Records && !transfer.Assignment && !transfer.Criteria)
        {
            problems.Add(new ValidationProblem(pointer, "At least one of records, assignment and criteria must be true, or the leaver's work is lost."));
        }

        return transfer;
    }

    private static UserReference ReadUserReference(JsonElement element, string pointer, List<ValidationProblem> problems)
    {
        RejectUnknown(element, pointer, UserReferenceProperties, problems);
        var reference = new UserReference
        {
            ZohoUserId = ZohoId(element, "zohoUserId", pointer, problems),
            Email = Email(element, "email", pointer, problems),
        };
        if (reference.IsEmpty)
        {
            problems.Add(new ValidationProblem(pointer, "Needs zohoUserId or email."));
        }

        return reference;
    }

    private static RoleTransfer? ReadRole(JsonElement element, string pointer, List<ValidationProblem> problems)
    {
        RejectUnknown(element, pointer, RoleProperties, problems);
        var roleId = RequiredZohoId(element, "roleId", pointer, problems);
        var target = RequiredZohoId(element, "transferToRoleId", pointer, problems);
        return roleId is null || target is null ? null : new RoleTransfer(roleId, target);
    }

    private static PortalTransfer? ReadPortal(JsonElement element, string pointer, List<ValidationProblem> problems)
    {
        RejectUnknown(element, pointer, PortalProperties, problems);
        var name = RequiredString(element, "name", $"{pointer}/name", 100, problems);
        if (name is not null && !FieldRules.PortalName().IsMatch(name))
        {
            problems.Add(new ValidationProblem($"{pointer}/name", "Must hold only letters, digits, '_' and '-'."));
            name = null;
        }

        var from = RequiredZohoId(element, "fromUserTypeId", pointer, problems);
        var to = RequiredZohoId(element, "toUserTypeId", pointer, problems);
        var ids = ReadPersonalityIds(element, $"{pointer}/personalityIds", problems);
        return name is null || from is null || to is null || ids is null ? null : new PortalTransfer(name, from, to, ids);
    }

    private static List<string>? ReadPersonalityIds(JsonElement parent, string pointer, List<ValidationProblem> problems)
    {
        if (!parent.TryGetProperty("personalityIds", out var array))
        {
            problems.Add(new ValidationProblem(pointer, "Required."));
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new ValidationProblem(pointer, "Must be an array of Zoho ids."));
            return null;
        }

        var count = array.GetArrayLength();
        if (count == 0 || count > FieldRules.MaxPersonalityIds)
        {
            problems.Add(new ValidationProblem(pointer, $"Must hold 1 to {FieldRules.MaxPersonalityIds} ids."));
            return null;
        }

        var ids = new List<string>(count);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var value = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (value is null || value.Length > FieldRules.MaxZohoIdLength || !FieldRules.ZohoId().IsMatch(value))
            {
                problems.Add(new ValidationProblem($"{pointer}/{index}", "Must be a Zoho id: a string of digits."));
            }
            else if (!ids.Contains(value))
            {
                ids.Add(value);
            }

            index++;
        }

        return ids;
    }

    private static T? ReadObject<T>(JsonElement parent, string name, string pointer, List<ValidationProblem> problems, Func<JsonElement, string, List<ValidationProblem>, T> read)
        where T : class?
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ValidationProblem(pointer, "Must be an object."));
            return null;
        }

        return read(element, pointer, problems);
    }

    private static void RejectUnknown(JsonElement element, string pointer, HashSet<string> known, List<ValidationProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{pointer}/{Escape(property.Name)}";
            if (!known.Contains(property.Name))
            {
                problems.Add(new ValidationProblem(at, "Unknown property (names are case-sensitive)."));
            }
            else if (!seen.Add(property.Name))
            {
                problems.Add(new ValidationProblem(at, "Appears more than once."));
            }
        }
    }

    private static string? RequiredString(JsonElement parent, string name, string pointer, int maxLength, List<ValidationProblem> problems)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            problems.Add(new ValidationProblem(pointer, "Required."));
            return null;
        }

        return StringValue(element, pointer, maxLength, problems);
    }

    private static string? OptionalString(JsonElement parent, string name, string pointer, int maxLength, List<ValidationProblem> problems) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null
            ? StringValue(element, pointer, maxLength, problems)
            : null;

    private static string? StringValue(JsonElement element, string pointer, int maxLength, List<ValidationProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            problems.Add(new ValidationProblem(pointer, "Must be a string."));
            return null;
        }

        var value = element.GetString()!;
        if (value.Length == 0 || value.Length > maxLength)
        {
            problems.Add(new ValidationProblem(pointer, $"Must be 1 to {maxLength} characters long."));
            return null;
        }

        if (value.Any(char.IsControl) || value.Any(char.IsSurrogate) && !IsWellFormedUtf16(value))
        {
            problems.Add(new ValidationProblem(pointer, "Must not contain control characters or broken Unicode."));
            return null;
        }

        return value;
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
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

    private static bool? OptionalBool(JsonElement parent, string name, string pointer, List<ValidationProblem> problems)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        problems.Add(new ValidationProblem(pointer, "Must be true or false."));
        return null;
    }

    private static string? Email(JsonElement parent, string name, string pointer, List<ValidationProblem> problems) =>
        Matching(parent, name, pointer, FieldRules.MaxEmailLength, FieldRules.Email(), "an email address", problems)?.ToLowerInvariant();

    private static string? ZohoId(JsonElement parent, string name, string pointer, List<ValidationProblem> problems) =>
        Matching(parent, name, pointer, FieldRules.MaxZohoIdLength, FieldRules.ZohoId(), "a Zoho id: a string of digits", problems);

    private static string? RequiredZohoId(JsonElement parent, string name, string pointer, List<ValidationProblem> problems)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            problems.Add(new ValidationProblem($"{pointer}/{name}", "Required."));
            return null;
        }

        return ZohoId(parent, name, pointer, problems);
    }

    private static string? Matching(JsonElement parent, string name, string pointer, int maxLength, System.Text.RegularExpressions.Regex rule, string what, List<ValidationProblem> problems)
    {
        var at = $"{pointer}/{name}";
        var value = OptionalString(parent, name, at, maxLength, problems);
        if (value is not null && !rule.IsMatch(value))
        {
            problems.Add(new ValidationProblem(at, $"Must be {what}."));
            return null;
        }

        return value;
    }

    // RFC 6901: '~' and '/' in a member name are escaped in a pointer; control characters are dropped to keep the answer printable.
    private static string Escape(string name)
    {
        var clean = new string([.. name.Where(c => !char.IsControl(c)).Take(64)]);
        return clean.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }
}
