using System.Text.Json;

namespace Zoho.Crm;

/// <summary>One Zoho error object: <c>{"code","details","message","status":"error"}</c>.</summary>
internal readonly record struct ZohoErrorBody(string Code, string? Message, JsonElement? Details)
{
    /// <summary>
    /// Finds the error in either of Zoho's envelopes: the object itself at the top level, or the first failed
    /// item of a resource wrapper such as <c>{"transfer_and_delete":[{…}]}</c> or <c>{"users":[{…}]}</c>.
    /// </summary>
    public static bool TryFind(JsonElement? body, out ZohoErrorBody error)
    {
        error = default;
        if (body is not { ValueKind: JsonValueKind.Object } root)
        {
            return false;
        }

        if (TryRead(root, out error))
        {
            return true;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in property.Value.EnumerateArray())
            {
                if (TryRead(item, out error))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Reads <paramref name="item"/> as an error object if it is one (has a code and is not a success).</summary>
    public static bool TryRead(JsonElement item, out ZohoErrorBody error)
    {
        error = default;
        var code = ZohoJson.GetString(item, "code");
        if (string.IsNullOrEmpty(code) || !IsFailure(item, code))
        {
            return false;
        }

        JsonElement? details = item.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d.Clone() : null;
        error = new ZohoErrorBody(code, ZohoJson.GetString(item, "message"), details);
        return true;
    }

    private static bool IsFailure(JsonElement item, string code)
    {
        var status = ZohoJson.GetString(item, "status");
        if (status is not null)
        {
            return !string.Equals(status, "success", StringComparison.OrdinalIgnoreCase);
        }

        return !string.Equals(code, "SUCCESS", StringComparison.OrdinalIgnoreCase) &&
               !string.Equals(code, "SCHEDULED", StringComparison.OrdinalIgnoreCase);
    }
}
