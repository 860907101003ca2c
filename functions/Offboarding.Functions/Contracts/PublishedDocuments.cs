using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Contracts;

/// <summary>
/// The contracts integrators build against, shipped inside the app so what it serves is what the repository holds:
/// the OpenAPI document (<c>openapi.json</c>) and the JSON Schemas under <c>schemas/</c>, served with their ids at
/// <paramref name="location"/> when the deployment's address is known.
/// </summary>
public sealed class PublishedDocuments(SchemaLocation? location = null)
{
    public const string OpenApi = "openapi.json";

    /// <summary>
    /// The placeholder base of the schemas' <c>$id</c>s in the repository: schema <c>{name}</c> has the id
    /// <c>{SchemaBase}{name}</c>, which <see cref="SchemaLocation"/> moves to where the deployment serves it.
    /// </summary>
    public const string SchemaBase = "https://offboarding.example/schemas/";

    private const string ResourcePrefix = "Offboarding.Functions.Contracts.";
    private const string SchemaSuffix = ".schema.json";

    /// <summary>
    /// Served names (<c>schemas/{name}</c>) of the schemas, to their files in Contracts/: every <c>*.schema.json</c> there
    /// is published as <c>*.json</c>, so a new schema needs no registration to be served.
    /// </summary>
    public static readonly FrozenDictionary<string, string> Schemas = typeof(PublishedDocuments).Assembly.GetManifestResourceNames()
        .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) && resource.EndsWith(SchemaSuffix, StringComparison.Ordinal))
        .Select(resource => resource[ResourcePrefix.Length..])
        .ToFrozenDictionary(file => file[..^SchemaSuffix.Length] + ".json", file => file, StringComparer.Ordinal);

    /// <summary>The <c>$id</c> of the schema published as <paramref name="name"/>.</summary>
    public static Uri SchemaId(string name) => new(SchemaBase + name);

    private readonly FrozenDictionary<string, string> _documents = Schemas.Values.Append(OpenApi)
        .ToFrozenDictionary(name => name, Load, StringComparer.Ordinal);

    /// <summary>The text of a document in Contracts/ by file name.</summary>
    public string Read(string fileName) => _documents[fileName];

    public IActionResult OpenApiDocument() =>
        new HttpAnswer(200, Read(OpenApi), HttpAnswer.JsonContentType);

    public IActionResult Schema(string? name) =>
        name is not null && Schemas.TryGetValue(name, out var file)
            ? new HttpAnswer(200, location is null ? Read(file) : location.Relocate(Read(file)), "application/schema+json")
            : HttpAnswer.Problem(404, "not-found", "Not Found", $"No schema is published as '{name}'. Published: {string.Join(", ", Schemas.Keys)}.");

    private static string Load(string fileName)
    {
        using var stream = typeof(PublishedDocuments).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"Contracts/{fileName} is not embedded in the app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
