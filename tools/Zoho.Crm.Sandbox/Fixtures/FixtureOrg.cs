using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>The org itself; the edition decides the default concurrency limit and daily API credits.</summary>
public sealed class FixtureOrg
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>free, standard, professional, enterprise or ultimate.</summary>
    [JsonPropertyName("edition")]
    public string Edition { get; set; } = "enterprise";
}
