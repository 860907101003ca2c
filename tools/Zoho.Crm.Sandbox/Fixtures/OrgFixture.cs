using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>
/// A whole Zoho CRM org as the sandbox serves it. The same shape is the fixture file, the live state
/// (the sandbox mutates a private copy) and the state dump, so tests can compare them directly.
/// </summary>
public sealed class OrgFixture
{
    [JsonPropertyName("org")]
    public FixtureOrg Org { get; set; } = new();

    [JsonPropertyName("profiles")]
    public List<FixtureProfile> Profiles { get; set; } = [];

    [JsonPropertyName("roles")]
    public List<FixtureRole> Roles { get; set; } = [];

    [JsonPropertyName("users")]
    public List<FixtureUser> Users { get; set; } = [];

    [JsonPropertyName("portals")]
    public List<FixturePortal> Portals { get; set; } = [];

    [JsonPropertyName("clients")]
    public List<FixtureClient> Clients { get; set; } = [];

    public FixtureUser? FindUser(string? id) => id is null ? null : Users.Find(u => u.Id == id);

    public FixtureRole? FindRole(string? id) => id is null ? null : Roles.Find(r => r.Id == id);

    public FixtureProfile? FindProfile(string? id) => id is null ? null : Profiles.Find(p => p.Id == id);

    public FixturePortal? FindPortal(string name) => Portals.Find(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
