using System.Globalization;
using System.Text.Json;
using Json.Schema;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Contracts;

/// <summary>
/// Words a failed schema evaluation as problems a sender can act on ("Must be a Zoho id"), from the schema's own values
/// or a subschema's <c>errorMessage</c>, so the meaning of a rule is written next to the rule.
/// </summary>
internal sealed class SchemaWording(SchemaDocuments documents, Uri id)
{
    private const string ErrorMessage = "errorMessage";

    public void Describe(EvaluationResults node, JsonElement instance, List<ValidationProblem> problems)
    {
        if (node.IsValid)
        {
            return;
        }

        var schema = documents.Locate(id, node.EvaluationPath.ToString());
        var at = Pointer.Printable(node.InstanceLocation.ToString());
        var errors = node.Errors ?? new Dictionary<string, string>();
        var failedChildren = (node.Details ?? []).Where(child => !child.IsValid && !IsCondition(child)).ToList();

        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(ErrorMessage, out var message) && message.GetString() is { } words)
        {
            // A failed "required" is about the members that are missing, so that is where its problem points.
            if (failedChildren.Count == 0 && errors.Keys.All(keyword => keyword == "required"))
            {
                problems.AddRange(Missing(schema, node, instance).Select(name => new ValidationProblem(Pointer.Child(at, name), words)));
            }
            else
            {
                problems.Add(new ValidationProblem(at, words));
            }

            return;
        }

        foreach (var keyword in errors.Keys)
        {
            if (keyword == "required")
            {
                problems.AddRange(Missing(schema, node, instance).Select(name => new ValidationProblem(Pointer.Child(at, name), "Required.")));
            }
            else
            {
                problems.Add(new ValidationProblem(at, Word(keyword, schema, node, errors[keyword])));
            }
        }

        var alternatives = failedChildren.Where(IsAlternative).ToList();
        if (alternatives.Count > 0)
        {
            problems.Add(new ValidationProblem(at, "Matches none of the allowed forms."));
        }

        foreach (var child in failedChildren.Except(alternatives))
        {
            Describe(child, instance, problems);
        }
    }

    // An "if" that fails only picks the branch; it is not a problem of the instance.
    private static bool IsCondition(EvaluationResults child) => Pointer.LastSegment(child.EvaluationPath.ToString()) == "if";

    private static bool IsAlternative(EvaluationResults child) =>
        Pointer.ParentSegment(child.EvaluationPath.ToString()) is "anyOf" or "oneOf";

    private static IEnumerable<string> Missing(JsonElement schema, EvaluationResults node, JsonElement instance)
    {
        if (!schema.TryGetProperty("required", out var required) || node.InstanceLocation.Evaluate(instance) is not { ValueKind: JsonValueKind.Object } target)
        {
            return [];
        }

        return required.EnumerateArray().Select(name => name.GetString()!).Where(name => !target.TryGetProperty(name, out _));
    }

    private static string Word(string keyword, JsonElement schema, EvaluationResults node, string libraryText)
    {
        // The false schema under additionalProperties: a member the schema does not know.
        if (keyword.Length == 0 && Pointer.LastSegment(node.EvaluationPath.ToString()) == "additionalProperties")
        {
            return "Unknown property (names are case-sensitive).";
        }

        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out _) ? WordFromSchema(keyword, schema, libraryText) : libraryText;
    }

    // Keywords the published schemas do not use keep the library's own words.
    private static string WordFromSchema(string keyword, JsonElement schema, string libraryText) => keyword switch
    {
        "type" => $"Must be {Types(schema.GetProperty("type"))}.",
        "minLength" or "maxLength" => $"Must be {Range(schema, "minLength", "maxLength")} characters long.",
        "minItems" or "maxItems" => $"Must hold {Range(schema, "minItems", "maxItems")} items.",
        "enum" => $"Must be one of: {string.Join(", ", schema.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.ToString()))}.",
        "const" => $"Must be {schema.GetProperty("const").GetRawText()}.",
        "pattern" => $"Must match the pattern {schema.GetProperty("pattern").GetString()}.",
        _ => libraryText,
    };

    private static string Types(JsonElement type)
    {
        var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        var words = string.Join(" or ", names.Where(n => n != "null").Select(TypeWord));
        return names.Contains("null") ? $"{words}, or null" : words;
    }

    private static string TypeWord(string type) => type switch
    {
        "string" => "a string",
        "boolean" => "true or false",
        "object" => "an object",
        "array" => "an array",
        "integer" => "a whole number",
        "number" => "a number",
        _ => type,
    };

    private static string Range(JsonElement schema, string minimum, string maximum)
    {
        var low = schema.TryGetProperty(minimum, out var min) ? min.GetInt32() : (int?)null;
        var high = schema.TryGetProperty(maximum, out var max) ? max.GetInt32() : (int?)null;
        return (low, high) switch
        {
            ({ } l, { } h) => string.Create(CultureInfo.InvariantCulture, $"{l} to {h}"),
            ({ } l, null) => string.Create(CultureInfo.InvariantCulture, $"at least {l}"),
            (null, { } h) => string.Create(CultureInfo.InvariantCulture, $"at most {h}"),
            _ => "a valid number of",
        };
    }
}
