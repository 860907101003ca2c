using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc;
using Offboarding.Functions.Http;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Contracts;

/// <summary>
/// The contracts integrators build against, shipped inside the app so what it serves is what the repository holds:
/// the OpenAPI document (<c>openapi.json</c>) and the JSON Schemas under <c>schemas/</c>.
/// </summary>
public sealed class PublishedDocuments
{
    public const string OpenApi = "openapi.json";

    /// <summary>Served names (<c>schemas/{name}</c>) of the schemas, to their files in Contracts/.</summary>
    public static readonly FrozenDictionary<string, string> Schemas = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["offboarding-request.json"] = "offboarding-request.schema.json",
        ["rescind-request.json"] = "rescind-request.schema.json",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, string> _documents = Schemas.Values.Append(OpenApi)
        .ToFrozenDictionary(name => name, Load, StringComparer.Ordinal);

    /// <summary>The text of a document in Contracts/ by file name.</summary>
    public string Read(string fileName) => _documents[fileName];

    public IActionResult OpenApiDocument() =>
        new HttpFunctionResult(new HttpFunctionResponse(200, new Dictionary<string, string>(), Read(OpenApi), HttpResults.JsonContentType));

    public IActionResult Schema(string? name) =>
        new HttpFunctionResult(name is not null && Schemas.TryGetValue(name, out var file)
            ? new HttpFunctionResponse(200, new Dictionary<string, string>(), Read(file), "application/schema+json")
            : HttpResults.Problem(404, "not-found", "Not Found", $"No schema is published as '{name}'. Published: {string.Join(", ", Schemas.Keys)}."));

    private static string Load(string fileName)
    {
        using var stream = typeof(PublishedDocuments).Assembly.GetManifestResourceStream($"Offboarding.Functions.Contracts.{fileName}")
            ?? throw new InvalidOperationException($"Contracts/{fileName} is not embedded in the app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
