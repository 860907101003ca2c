using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>A CRM profile: the permissions that decide NO_PERMISSION answers for role and portal calls.</summary>
public sealed class FixtureProfile
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("permissions")]
    public FixturePermissions Permissions { get; set; } = new();
}
