using System.Text.Json;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>
/// Reads a queue trigger invocation. The host has already base64-decoded the message; it then passes a string
/// through <c>JsonConvert.SerializeObject</c>, so the text can arrive JSON-encoded a second time (a JSON string
/// whose content is itself a quoted JSON string), or, on hosts that parse JSON messages, as a JSON object.
/// </summary>
internal static class QueueInvocationPayload
{
    public static QueueTriggerMessage ToMessage(JsonElement trigger, JsonElement metadata)
    {
        var text = MessageText(trigger);
        var id = PayloadJson.Text(PayloadJson.Property(metadata, "Id")) ?? string.Empty;
        var dequeueCount = PayloadJson.Integer(PayloadJson.Property(metadata, "DequeueCount")) ?? 1;
        return new QueueTriggerMessage(
            id,
            text,
            dequeueCount,
            PayloadJson.Time(PayloadJson.Property(metadata, "InsertionTime")),
            PayloadJson.Time(PayloadJson.Property(metadata, "ExpirationTime")),
            PayloadJson.Text(PayloadJson.Property(metadata, "PopReceipt")));
    }

    private static string MessageText(JsonElement trigger)
    {
        switch (trigger.ValueKind)
        {
            case JsonValueKind.String:
                var text = trigger.GetString() ?? string.Empty;
                return IsEncodedString(text) ? JsonSerializer.Deserialize<string>(text) ?? string.Empty : text;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                throw new InvocationPayloadException("The queue trigger's message is missing from the invocation payload.");
            default:
                return trigger.GetRawText();
        }
    }

    /// <summary>
    /// True when the text is one JSON string literal, the mark of the host's second encoding. A message whose own
    /// content is a bare JSON string would be unwrapped too; the messages this app queues are JSON objects.
    /// </summary>
    private static bool IsEncodedString(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
