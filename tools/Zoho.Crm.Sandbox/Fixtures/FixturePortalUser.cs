using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>A portal user, identified by its personality id.</summary>
public sealed class FixturePortalUser
{
    [JsonPropertyName("personality_id")]
    public string PersonalityId { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("email")]
    public string Email { get; set; } = "";

    [JsonPropertyName("user_type_id")]
    public string UserTypeId { get; set; } = "";
}
