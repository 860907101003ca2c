using System.Text.Json;
using System.Xml.Linq;
using Azure;

namespace Offboarding.Storage.Pipeline;

/// <summary>Turns a failed response into <see cref="StorageRequestFailedException"/>, from headers and the error body.</summary>
internal static class StorageErrors
{
    private const int MaxServiceMessageLength = 300;

    public static StorageRequestFailedException From(Response response, string operation)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        var (bodyCode, message) = ReadBody(response);
        return new StorageRequestFailedException(response.Status, code ?? bodyCode, requestId, operation, message);
    }

    /// <summary>
    /// Code and first message line from an XML (<c>&lt;Error&gt;</c>) or JSON (<c>odata.error</c>) body. Only the
    /// first line is kept: the service appends request ids and, on auth failures, details such as the string it
    /// signed, which do not belong in an exception message.
    /// </summary>
    public static (string? Code, string? Message) ReadBody(Response response)
    {
        var content = response.Content;
        if (content is null || content.ToMemory().IsEmpty)
        {
            return (null, null);
        }

        try
        {
            var text = content.ToString().TrimStart('\uFEFF');
            if (text.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = error.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, FirstLine(message));
                }
            }
            else if (text.StartsWith('<'))
            {
                var root = XDocument.Parse(text).Root;
                return (root?.Element("Code")?.Value, FirstLine(root?.Element("Message")?.Value));
            }
        }
        catch (JsonException)
        {
            // Not the documented error shape: status and headers still describe the failure.
        }
        catch (System.Xml.XmlException)
        {
            // Same as above.
        }

        return (null, null);
    }

    public static string? FirstLine(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > MaxServiceMessageLength ? line[..MaxServiceMessageLength] + "…" : line;
    }
}
