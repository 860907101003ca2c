using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>A role; <see cref="ReportingTo"/> is the parent role (null for the root).</summary>
public sealed class FixtureRole
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("reporting_to")]
    public string? ReportingTo { get; set; }
}
