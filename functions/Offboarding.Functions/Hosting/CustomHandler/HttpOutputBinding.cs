using System.Text.Json.Serialization;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>The HTTP output binding's value (<c>Outputs.res</c>): the response the host sends to the caller.</summary>
internal sealed record HttpOutputBinding(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string Body)
{
    public static HttpOutputBinding From(HttpFunctionResponse response)
    {
        var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase);
        if (response.ContentType is not null)
        {
            headers["Content-Type"] = response.ContentType;
        }

        return new HttpOutputBinding(response.StatusCode, headers, response.Body ?? string.Empty);
    }
}
