using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>
/// Reads the HTTP trigger's <c>Data.req</c> into the trigger-neutral request. The host sends the body as text,
/// except for <c>application/octet-stream</c> and <c>multipart/*</c>, which it sends base64-encoded; turning text
/// back into UTF-8 gives the sender's exact bytes for any UTF-8 body, so signatures verify as they do in standalone mode.
/// </summary>
internal static class HttpInvocationPayload
{
    public static HttpFunctionRequest ToRequest(JsonElement req)
    {
        if (req.ValueKind != JsonValueKind.Object)
        {
            throw new InvocationPayloadException("The HTTP trigger's request is missing from the invocation payload.");
        }

        var method = PayloadJson.Text(PayloadJson.Property(req, "Method"));
        if (string.IsNullOrWhiteSpace(method))
        {
            throw new InvocationPayloadException("The HTTP trigger's request has no Method.");
        }

        var url = ParseUrl(PayloadJson.Text(PayloadJson.Property(req, "Url")));
        var headers = ReadMultiValued(PayloadJson.ObjectOrEncodedObject(PayloadJson.Property(req, "Headers")));
        var query = PayloadJson.ObjectOrEncodedObject(PayloadJson.Property(req, "Query")) is { } queryObject
            ? ReadMultiValued(queryObject)
            : QueryFromUrl(url);
        var routeValues = ReadRouteValues(PayloadJson.ObjectOrEncodedObject(PayloadJson.Property(req, "Params")));
        var body = ReadBody(PayloadJson.Property(req, "Body"), headers);

        return new HttpFunctionRequest(method.ToUpperInvariant(), url.AbsolutePath, routeValues, query, headers, body);
    }

    private static Uri ParseUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvocationPayloadException("The HTTP trigger's request has no Url.");
        }

        // A relative Url is accepted too; only its path and query are used.
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) || Uri.TryCreate(new Uri("http://localhost"), url, out absolute))
        {
            return absolute;
        }

        throw new InvocationPayloadException("The HTTP trigger's request Url is not a URL.");
    }

    private static Dictionary<string, string[]> ReadMultiValued(JsonElement? element)
    {
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (element is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var property in obj.EnumerateObject())
            {
                values[property.Name] = PayloadJson.Texts(property.Value);
            }
        }

        return values;
    }

    private static Dictionary<string, string[]> QueryFromUrl(Uri url) =>
        QueryHelpers.ParseQuery(url.Query).ToDictionary(
            pair => pair.Key, pair => pair.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string> ReadRouteValues(JsonElement? element)
    {
        // Older hosts send [] when a route has no parameters; only an object carries values.
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var property in obj.EnumerateObject())
            {
                values[property.Name] = PayloadJson.Text(property.Value) ?? string.Empty;
            }
        }

        return values;
    }

    private static byte[] ReadBody(JsonElement? body, Dictionary<string, string[]> headers)
    {
        switch (body)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return [];
            case { ValueKind: JsonValueKind.String } text when IsBinaryMediaType(headers):
                try
                {
                    return Convert.FromBase64String(text.GetString() ?? string.Empty);
                }
                catch (FormatException ex)
                {
                    throw new InvocationPayloadException("The HTTP trigger's binary Body is not base64.", ex);
                }

            case { ValueKind: JsonValueKind.String } text:
                return Encoding.UTF8.GetBytes(text.GetString() ?? string.Empty);
            case { } parsed:
                // A host that hands over parsed JSON has already lost the original bytes; its JSON text is the best there is.
                return Encoding.UTF8.GetBytes(parsed.GetRawText());
        }
    }

    /// <summary>The media types the host base64-encodes, by its own rule.</summary>
    private static bool IsBinaryMediaType(Dictionary<string, string[]> headers)
    {
        if (!headers.TryGetValue("Content-Type", out var contentType) || contentType.Length == 0
            || !MediaTypeHeaderValue.TryParse(contentType[0], out var mediaType) || mediaType.MediaType is null)
        {
            return false;
        }

        return string.Equals(mediaType.MediaType, "application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);
    }
}
