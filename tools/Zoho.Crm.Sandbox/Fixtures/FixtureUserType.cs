using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>A portal user type. Users can only be transferred to custom types; a licence limit caps its users.</summary>
public sealed class FixtureUserType
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("custom")]
    public bool Custom { get; set; } = true;

    /// <summary>Most portal users this type may hold (null: unlimited); over it → LICENSE_LIMIT_EXCEEDED.</summary>
    [JsonPropertyName("license_limit")]
    public int? LicenseLimit { get; set; }
}
