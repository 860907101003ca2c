using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>A user of the org, with who they report to and how many records they own per module.</summary>
public sealed class FixtureUser
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("email")]
    public string Email { get; set; } = "";

    [JsonPropertyName("first_name")]
    public string FirstName { get; set; } = "";

    [JsonPropertyName("last_name")]
    public string LastName { get; set; } = "";

    /// <summary>active, inactive or deleted.</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = UserStatus.Active;

    [JsonPropertyName("role_id")]
    public string RoleId { get; set; } = "";

    [JsonPropertyName("profile_id")]
    public string ProfileId { get; set; } = "";

    /// <summary>The manager's user id (Zoho's <c>Reporting_To</c>), or null.</summary>
    [JsonPropertyName("reporting_to")]
    public string? ReportingTo { get; set; }

    /// <summary>Whether the user accepted the invitation (Zoho's <c>confirm</c>).</summary>
    [JsonPropertyName("confirmed")]
    public bool Confirmed { get; set; } = true;

    /// <summary>False for org members without CRM access: invisible to Get Users, rejected as not_crm_user.</summary>
    [JsonPropertyName("crm_user")]
    public bool CrmUser { get; set; } = true;

    [JsonPropertyName("super_admin")]
    public bool SuperAdmin { get; set; }

    [JsonPropertyName("zuid")]
    public string Zuid { get; set; } = "";

    /// <summary>Open records owned, per module (e.g. Leads: 12).</summary>
    [JsonPropertyName("records")]
    public Dictionary<string, int> Records { get; set; } = [];

    [JsonIgnore]
    public string FullName => $"{FirstName} {LastName}".Trim();

    [JsonIgnore]
    public bool IsDeleted => Status == UserStatus.Deleted;

    [JsonIgnore]
    public bool IsActive => Status == UserStatus.Active;
}
