using System.Collections.Frozen;
using System.Text.Json;
using Json.Schema;

namespace Offboarding.Functions.Contracts;

/// <summary>
/// The published JSON Schemas compiled once for the app's life (a singleton): the intake validates requests with them,
/// and tests validate events and examples with the very same documents the app serves.
/// </summary>
public sealed class PublishedSchemas
{
    public const string Request = "offboarding-request.json";

    private readonly FrozenDictionary<string, SchemaValidator> _validators;

    public PublishedSchemas(PublishedDocuments documents)
    {
        ArgumentNullException.ThrowIfNull(documents);

        // A registry of their own: the schemas refer to each other by $id, and nothing else in the process can interfere.
        var registry = new SchemaRegistry();
        var located = new SchemaDocuments();
        var roots = PublishedDocuments.Schemas.ToDictionary(s => s.Key, s => JsonDocument.Parse(documents.Read(s.Value)).RootElement, StringComparer.Ordinal);
        foreach (var root in roots.Values)
        {
            located.Add(root);
        }

        _validators = roots.ToFrozenDictionary(r => r.Key, r => new SchemaValidator(r.Value, registry, located), StringComparer.Ordinal);
    }

    /// <summary>The schema published as <paramref name="name"/> (e.g. <c>offboarding-request.json</c>).</summary>
    public SchemaValidator this[string name] => _validators[name];

    public IEnumerable<string> Names => _validators.Keys;
}
