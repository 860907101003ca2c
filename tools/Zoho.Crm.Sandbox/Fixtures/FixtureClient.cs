using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>An OAuth client registered in the accounts server, with the refresh tokens issued to it.</summary>
public sealed class FixtureClient
{
    [JsonPropertyName("client_id")]
    public string ClientId { get; set; } = "";

    [JsonPropertyName("client_secret")]
    public string ClientSecret { get; set; } = "";

    [JsonPropertyName("refresh_tokens")]
    public List<FixtureRefreshToken> RefreshTokens { get; set; } = [];
}
