using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>A client portal with its user types and portal users.</summary>
public sealed class FixturePortal
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("user_types")]
    public List<FixtureUserType> UserTypes { get; set; } = [];

    [JsonPropertyName("users")]
    public List<FixturePortalUser> Users { get; set; } = [];

    public FixtureUserType? FindUserType(string? id) => id is null ? null : UserTypes.Find(t => t.Id == id);
}
