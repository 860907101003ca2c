using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>
/// Plain HttpClient calls to the sandbox, shaped as a Zoho client would send them (the real Zoho client
/// library is tested separately); keeps the tests about the sandbox's answers, not about a client.
/// </summary>
public sealed class ZohoHttp(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri };

    public async Task<JsonObject> RefreshAsync(string refreshToken = DefaultOrg.RefreshToken, string clientId = DefaultOrg.ClientId, string clientSecret = DefaultOrg.ClientSecret)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["refresh_token"] = refreshToken,
        });
        using var response = await _http.PostAsync(new Uri("oauth/v2/token", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async Task<string> AccessTokenAsync(string refreshToken = DefaultOrg.RefreshToken)
    {
        var answer = await RefreshAsync(refreshToken);
        return answer["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException("No access token: " + answer.ToJsonString());
    }

    public async Task<ZohoAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? token, string? jsonBody = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(pathAndQuery, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", token);
        }

        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ZohoAnswer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<ZohoAnswer> GetAsync(string pathAndQuery, string? token) => SendAsync(HttpMethod.Get, pathAndQuery, token);

    public Task<ZohoAnswer> PostAsync(string pathAndQuery, string? token, string? jsonBody = null) => SendAsync(HttpMethod.Post, pathAndQuery, token, jsonBody);

    public void Dispose() => _http.Dispose();
}
