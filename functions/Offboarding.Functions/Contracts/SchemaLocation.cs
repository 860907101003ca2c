namespace Offboarding.Functions.Contracts;

/// <summary>
/// Where this deployment serves its schemas (<c>{app}/api/schemas/{name}</c>): the address events name as their
/// <c>dataschema</c>, and the <c>$id</c> the served documents carry, so their relative <c>$ref</c>s resolve there too.
/// </summary>
public sealed class SchemaLocation(Uri appBaseUri)
{
    private readonly string _base = appBaseUri.AbsoluteUri.TrimEnd('/') + "/api/schemas/";

    /// <summary>The URL schema <paramref name="name"/> is served at.</summary>
    public Uri Of(string name) => new(_base + name);

    /// <summary>A schema document as the repository holds it, with its ids moved from their placeholder base to where it is served.</summary>
    public string Relocate(string schemaText) =>
        schemaText.Replace(PublishedDocuments.SchemaBase, _base, StringComparison.Ordinal);
}
