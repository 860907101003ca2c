using System.Net;
using TestSupport;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>The refresh-token grant: Zoho's answer shape, its HTTP-200 errors, expiry and the issue limits.</summary>
public sealed class TokenTests(SandboxFixture sandbox) : SandboxTest(sandbox), IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Refresh_answers_the_token_the_api_domain_and_the_lifetime()
    {
        var answer = await Zoho.RefreshAsync();

        Assert.StartsWith("1000.", answer["access_token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3600, answer["expires_in"]!.GetValue<int>());
        Assert.Equal("Bearer", answer["token_type"]!.GetValue<string>());
        Assert.Equal(BaseUri.ToString().TrimEnd('/'), answer["api_domain"]!.GetValue<string>());
        Assert.Contains("ZohoCRM.users.ALL", answer["scope"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_in_the_query_string_work_too()
    {
        using var http = new HttpClient { BaseAddress = BaseUri };
        var query = $"oauth/v2/token?grant_type=refresh_token&client_id={DefaultOrg.ClientId}&client_secret={DefaultOrg.ClientSecret}&refresh_token={DefaultOrg.RefreshToken}";
        using var response = await http.PostAsync(new Uri(query, UriKind.Relative), null);

        Assert.Contains("access_token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-client", DefaultOrg.ClientSecret, DefaultOrg.RefreshToken, "invalid_client")]
    [InlineData(DefaultOrg.ClientId, "wrong-secret", DefaultOrg.RefreshToken, "invalid_client")]
    [InlineData(DefaultOrg.ClientId, DefaultOrg.ClientSecret, "1000.unknown.refresh", "invalid_code")]
    [InlineData(DefaultOrg.ClientId, DefaultOrg.ClientSecret, "", "invalid_code")]
    public async Task Bad_credentials_answer_200_with_an_error_field(string clientId, string secret, string refreshToken, string error)
    {
        var answer = await Zoho.RefreshAsync(refreshToken, clientId, secret);

        Assert.Equal(error, answer["error"]!.GetValue<string>());
        Assert.False(answer.ContainsKey("access_token"));
    }

    [Fact]
    public async Task Eleventh_token_within_ten_minutes_is_refused_and_the_window_then_frees_up()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await Zoho.RefreshAsync()).ContainsKey("access_token"));
        }

        var refused = await Zoho.RefreshAsync();
        Assert.Equal("Access Denied", refused["error"]!.GetValue<string>());
        Assert.False(refused.ContainsKey("access_token"));

        // The limit is per refresh token: another one still gets tokens.
        Assert.True((await Zoho.RefreshAsync(DefaultOrg.ReadOnlyRefreshToken)).ContainsKey("access_token"));

        await Control.AdvanceClockAsync(TimeSpan.FromMinutes(10));
        Assert.True((await Zoho.RefreshAsync()).ContainsKey("access_token"));
        Assert.Equal(1, await Control.CountAsync("token", code: "Access Denied"));
    }

    [Fact]
    public async Task Token_expires_after_its_lifetime()
    {
        await Control.UpdateSettingsAsync(s => s with { TokenLifetimeSeconds = 60 });
        var token = await Zoho.AccessTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);

        await Control.AdvanceClockAsync(TimeSpan.FromSeconds(61));

        var expired = await Zoho.GetAsync("crm/v7/users", token);
        Assert.Equal((HttpStatusCode.Unauthorized, "INVALID_TOKEN"), (expired.Status, expired.Code));
    }

    [Fact]
    public async Task Control_can_expire_every_token_at_once()
    {
        var token = await Zoho.AccessTokenAsync();
        await Control.ExpireTokensAsync();

        Assert.Equal("INVALID_TOKEN", (await Zoho.GetAsync("crm/v7/users", token)).Code);
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", await Zoho.AccessTokenAsync())).Status);
    }

    [Fact]
    public async Task Sixteenth_active_token_invalidates_the_oldest()
    {
        await Control.UpdateSettingsAsync(s => s with { TokensPerWindow = 100 });
        var tokens = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            tokens.Add(await Zoho.AccessTokenAsync());
        }

        Assert.Equal("INVALID_TOKEN", (await Zoho.GetAsync("crm/v7/users", tokens[0])).Code);
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", tokens[1])).Status);
    }

    [Fact]
    public async Task Revoked_refresh_token_stops_working_with_its_access_tokens()
    {
        var token = await Zoho.AccessTokenAsync();
        using var http = new HttpClient { BaseAddress = BaseUri };
        using var revoke = await http.PostAsync(new Uri($"oauth/v2/token/revoke?token={DefaultOrg.RefreshToken}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        Assert.Equal("INVALID_TOKEN", (await Zoho.GetAsync("crm/v7/users", token)).Code);
        Assert.Equal("invalid_code", (await Zoho.RefreshAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bearer_scheme_is_not_accepted_only_zoho_oauthtoken()
    {
        var token = await Zoho.AccessTokenAsync();
        using var http = new HttpClient { BaseAddress = BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("crm/v7/users", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
