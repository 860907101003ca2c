using System.Text.Json.Serialization;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>The JSON object the host expects back from every invocation (it fails the invocation on an empty or non-JSON body).</summary>
internal sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);
