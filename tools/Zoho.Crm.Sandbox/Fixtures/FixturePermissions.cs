using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>The few profile permissions the emulated endpoints check.</summary>
public sealed class FixturePermissions
{
    [JsonPropertyName("delete_roles")]
    public bool DeleteRoles { get; set; }

    /// <summary>The "Client Portal User" permission; without it portal transfers answer NO_PERMISSION.</summary>
    [JsonPropertyName("client_portal_user")]
    public bool ClientPortalUser { get; set; }
}
