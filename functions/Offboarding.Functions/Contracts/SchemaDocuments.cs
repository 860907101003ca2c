using System.Text.Json;

namespace Offboarding.Functions.Contracts;

/// <summary>
/// The published schema documents by <c>$id</c>, to find the subschema behind an evaluation path (which runs through
/// <c>$ref</c>s, into other documents too) and read what it says.
/// </summary>
internal sealed class SchemaDocuments
{
    private readonly Dictionary<Uri, JsonElement> _byId = [];

    public void Add(JsonElement root) => _byId.Add(new Uri(root.GetProperty("$id").GetString()!), root);

    /// <summary>Starts at document <paramref name="id"/>; returns the subschema at <paramref name="evaluationPath"/>.</summary>
    public JsonElement Locate(Uri id, string evaluationPath)
    {
        var (node, baseUri) = (_byId[id], id);
        foreach (var segment in Pointer.Segments(evaluationPath))
        {
            if (segment == "$ref" && node.ValueKind == JsonValueKind.Object && node.TryGetProperty("$ref", out var reference))
            {
                (node, baseUri) = Resolve(new Uri(baseUri, reference.GetString()!));
            }
            else if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var member))
            {
                node = member;
            }
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index < node.GetArrayLength())
            {
                node = node[index];
            }
            // Otherwise a segment the library adds of its own (it reports an items subschema as ".../items/items"): stay.
        }

        return node;
    }

    private (JsonElement Node, Uri BaseUri) Resolve(Uri target)
    {
        var document = new Uri(target.GetLeftPart(UriPartial.Query));
        var node = _byId[document];
        foreach (var segment in Pointer.Segments(Uri.UnescapeDataString(target.Fragment.TrimStart('#'))))
        {
            node = node.ValueKind == JsonValueKind.Array ? node[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)] : node.GetProperty(segment);
        }

        return (node, document);
    }
}
