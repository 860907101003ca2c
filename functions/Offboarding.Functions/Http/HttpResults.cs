using System.Text.Json;

namespace Offboarding.Functions.Http;

/// <summary>Builds the HTTP answers the functions give: JSON bodies and RFC 9457 problem details.</summary>
public static class HttpResults
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    private const string ProblemTypeBase = "https://offboarding.example/problems/";

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static HttpFunctionResponse Json(int status, object body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, headers ?? new Dictionary<string, string>(), JsonSerializer.Serialize(body, JsonOptions), JsonContentType);

    /// <param name="slug">Last segment of the problem <c>type</c> URI, e.g. <c>invalid-signature</c>.</param>
    public static HttpFunctionResponse Problem(int status, string slug, string title, string? detail, IReadOnlyList<ValidationProblem>? errors = null, string? instance = null)
    {
        var body = new ProblemDetails(ProblemTypeBase + slug, title, status, detail, instance, errors);
        return new HttpFunctionResponse(status, new Dictionary<string, string>(), JsonSerializer.Serialize(body, JsonOptions), ProblemContentType);
    }
}
