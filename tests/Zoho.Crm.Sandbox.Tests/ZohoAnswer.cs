using System.Net;
using System.Text.Json.Nodes;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>A sandbox answer: status and parsed body (null for an empty body, e.g. 204).</summary>
public sealed record ZohoAnswer(HttpStatusCode Status, JsonNode? Body)
{
    /// <summary>The Zoho code whether the error stands alone or is wrapped in a resource array.</summary>
    public string? Code => Entry?["code"]?.GetValue<string>();

    /// <summary>The top-level object, or the first element of the first array property (wrapped shape).</summary>
    public JsonObject? Entry => Body switch
    {
        JsonObject o when o.ContainsKey("code") => o,
        JsonObject o => o.Select(p => p.Value).OfType<JsonArray>().FirstOrDefault()?.FirstOrDefault()?.AsObject(),
        _ => null,
    };

    public JsonObject? Details => Entry?["details"]?.AsObject();
}
