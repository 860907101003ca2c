using System.Text.Json.Serialization;

namespace Offboarding.Functions.Http;

/// <summary>One thing wrong with a request: where (a JSON Pointer, RFC 6901, in <c>pointer</c>) and what.</summary>
public sealed record ValidationProblem(
    [property: JsonPropertyName("pointer")] string Location,
    [property: JsonPropertyName("detail")] string Detail);
