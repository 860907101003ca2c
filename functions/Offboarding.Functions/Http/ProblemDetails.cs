using System.Text.Json.Serialization;

namespace Offboarding.Functions.Http;

/// <summary>An RFC 9457 problem details body; <see cref="Errors"/> lists every validation problem with its JSON Pointer.</summary>
public sealed record ProblemDetails(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("instance")] string? Instance = null,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ValidationProblem>? Errors = null);
