using System.Globalization;
using System.Text.Json;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>
/// Lenient readers for the host's payload. Host versions differ: some values arrive as JSON objects or as JSON
/// text inside a string, numbers as strings, and unset times as <c>0001-01-01</c>; each reader accepts all of them.
/// </summary>
internal static class PayloadJson
{
    /// <summary>A property by name, ignoring case (Newtonsoft on the host side keeps whatever casing the source had).</summary>
    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>An object that may arrive as JSON text in a string (Query, Params and Identities do on some hosts).</summary>
    public static JsonElement? ObjectOrEncodedObject(JsonElement? element)
    {
        if (element is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvocationPayloadException("A payload field that should hold JSON holds text that is not JSON.", ex);
            }
        }

        return value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : value;
    }

    /// <summary>Text of a scalar: strings as they are, numbers and booleans as written.</summary>
    public static string? Text(JsonElement? element) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { } value => value.GetRawText(),
    };

    /// <summary>One or many strings: <c>"a"</c> or <c>["a","b"]</c>.</summary>
    public static string[] Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Select(item => Text(item) ?? string.Empty).ToArray(),
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        _ => [Text(element) ?? string.Empty],
    };

    public static long? Integer(JsonElement? element)
    {
        return element switch
        {
            { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var value) => value,
            { ValueKind: JsonValueKind.String } text when long.TryParse(text.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    public static bool Boolean(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.String } text => bool.TryParse(text.GetString(), out var value) && value,
        _ => false,
    };

    /// <summary>A time, or null when absent, unparseable, or the .NET default the host sends for "never".</summary>
    public static DateTimeOffset? Time(JsonElement? element)
    {
        var text = Text(element);
        if (string.IsNullOrWhiteSpace(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return null;
        }

        return time.Year <= 1 ? null : time;
    }
}
