using System.Text.Json.Serialization;

namespace Offboarding.Functions.Batches;

/// <summary>One thing wrong with an upload: the line (CSV line, or position in a JSON list), the column, and what.</summary>
public sealed record BatchRowProblem(
    [property: JsonPropertyName("line")] int? Line,
    [property: JsonPropertyName("column")] string? Column,
    [property: JsonPropertyName("detail")] string Detail);
