using TestSupport;
using Xunit.Abstractions;
using Zoho.Crm.Sandbox.Fixtures;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

public sealed class OAuthTests(SandboxFixture sandbox, ITestOutputHelper output) : SandboxTest(sandbox)
{
    private const string Token = "token";

    [Fact]
    public async Task A_hundred_concurrent_first_calls_cost_one_token_request()
    {
        using var client = SandboxClients.Create(Sandbox);

        var users = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.GetUserAsync(Users.LeaverId)));

        Assert.All(users, Assert.NotNull);
        Assert.Equal(1, await CallsAsync(Token));
        Assert.Equal(100, await CallsAsync("users.get", 200));
        output.WriteLine($"100 concurrent calls: {await CallsAsync(Token)} token request(s)");
    }

    [Fact]
    public async Task Tokens_revoked_mid_run_cost_one_refresh_for_all_concurrent_callers()
    {
        using var client = SandboxClients.Create(Sandbox);
        await client.GetUserAsync(Users.LeaverId);
        await Control.ExpireTokensAsync();

        var users = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetUserAsync(Users.ManagerId)));

        Assert.All(users, Assert.NotNull);
        Assert.Equal(2, await CallsAsync(Token));
        output.WriteLine($"revoked mid-run: {await CallsAsync(Token)} token requests, {await CallsAsync("users.get", 401)} calls answered 401");
    }

    [Fact]
    public async Task A_token_that_expires_by_the_servers_clock_is_refreshed_once()
    {
        using var client = SandboxClients.Create(Sandbox);
        await client.GetUserAsync(Users.LeaverId);
        await Control.AdvanceClockAsync(TimeSpan.FromHours(2));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetUserAsync(Users.LeaverId)));

        Assert.Equal(2, await CallsAsync(Token));
    }

    [Fact]
    public async Task A_token_near_expiry_by_the_clients_clock_is_refreshed_before_zoho_rejects_it()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var client = SandboxClients.Create(Sandbox, o => { o.MaxRetries = 0; o.RefreshSkew = TimeSpan.FromMinutes(5); }, time: clock);
        await client.GetUserAsync(Users.LeaverId);

        clock.Advance(TimeSpan.FromMinutes(54));
        await client.GetUserAsync(Users.LeaverId);
        Assert.Equal(1, await CallsAsync(Token));

        clock.Advance(TimeSpan.FromMinutes(2));
        await client.GetUserAsync(Users.LeaverId);
        Assert.Equal(2, await CallsAsync(Token));
        Assert.Equal(0, await CallsAsync("users.get", 401));
    }

    [Fact]
    public async Task Thousands_of_calls_never_approach_the_token_issue_limit()
    {
        using var client = SandboxClients.Create(Sandbox, o => o.MaxConcurrency = 8);
        var targets = new[] { Users.LeaverId, Users.ManagerId, Users.InactiveId, Users.StandardUserId };

        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 600).Select(i => client.GetUserAsync(targets[i % targets.Length])));
            await Control.ExpireTokensAsync();
        }

        var tokenCalls = await CallsAsync(Token);
        Assert.Equal(5, tokenCalls);
        Assert.Equal(3000, await CallsAsync("users.get", 200));
        Assert.Equal(0, await Control.CountAsync(Token, code: "Access Denied"));
        output.WriteLine($"3000 calls with 4 forced revocations: {tokenCalls} token requests (limit 10 per 10 minutes)");
    }

    [Fact]
    public async Task Clients_sharing_a_token_cache_share_one_token()
    {
        var cache = new InMemoryZohoTokenCache();
        using var first = SandboxClients.Create(Sandbox, cache: cache);
        using var second = SandboxClients.Create(Sandbox, cache: cache);

        await first.GetUserAsync(Users.LeaverId);
        await second.GetUserAsync(Users.LeaverId);

        Assert.Equal(1, await CallsAsync(Token));
        Assert.Equal(first.TokenCacheKey, second.TokenCacheKey);
        var cached = await cache.GetAsync(first.TokenCacheKey);
        Assert.NotNull(cached);
        Assert.Equal(Sandbox.BaseUri.AbsoluteUri.TrimEnd('/'), cached.ApiDomain);
    }

    [Fact]
    public async Task A_token_another_instance_refreshed_is_picked_up_from_the_cache_without_a_new_request()
    {
        var cache = new InMemoryZohoTokenCache();
        using var first = SandboxClients.Create(Sandbox, cache: cache);
        using var second = SandboxClients.Create(Sandbox, cache: cache);
        await first.GetUserAsync(Users.LeaverId);
        await second.GetUserAsync(Users.LeaverId);
        await Control.ExpireTokensAsync();

        await first.GetUserAsync(Users.LeaverId);
        await second.GetUserAsync(Users.LeaverId);

        Assert.Equal(2, await CallsAsync(Token));
    }

    [Fact]
    public async Task The_cache_key_does_not_reveal_the_credentials()
    {
        using var client = SandboxClients.Create(Sandbox);
        Assert.DoesNotContain(DefaultOrg.RefreshToken, client.TokenCacheKey, StringComparison.Ordinal);
        Assert.DoesNotContain(DefaultOrg.ClientId, client.TokenCacheKey, StringComparison.Ordinal);
        using var other = SandboxClients.Create(Sandbox, refreshToken: DefaultOrg.ReadOnlyRefreshToken);
        Assert.NotEqual(client.TokenCacheKey, other.TokenCacheKey);
    }

    [Theory]
    [InlineData("wrong-secret", DefaultOrg.RefreshToken, "invalid_client")]
    [InlineData(DefaultOrg.ClientSecret, "1000.unknown0refresh.token00000000", "invalid_code")]
    public async Task Token_errors_sent_as_http_200_are_permanent_errors(string secret, string refreshToken, string code)
    {
        using var client = SandboxClients.Create(Sandbox, o => o.ClientSecret = secret, refreshToken);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId));

        Assert.Equal((code, 200, ZohoErrorClassification.Permanent, ZohoOperation.RefreshAccessToken),
            (error.Code, error.HttpStatus, error.Classification, error.Operation));
        Assert.Equal(1, await CallsAsync(Token));
        Assert.Equal(0, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task The_token_issue_throttle_is_transient()
    {
        await Control.UpdateSettingsAsync(s => s with { TokensPerWindow = 1 });
        using var first = SandboxClients.Create(Sandbox);
        using var second = SandboxClients.Create(Sandbox, o => o.MaxRetries = 0);
        await first.GetUserAsync(Users.LeaverId);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => second.GetUserAsync(Users.LeaverId));

        Assert.Equal(ZohoErrorClassification.Transient, error.Classification);
        Assert.Equal(ZohoErrorCodes.OAuthAccessDenied, error.Code);
    }

    [Fact]
    public async Task A_token_rejected_even_after_a_refresh_is_given_up_after_one_retry()
    {
        using var handler = new AuthorizationHandler { ReplaceTokenWith = "1000.neverissued0000000000.0000000000000000" };
        using var http = new HttpClient(handler);
        using var client = SandboxClients.Create(Sandbox, http: http);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId));

        Assert.Equal(("INVALID_TOKEN", ZohoErrorClassification.Permanent), (error.Code, error.Classification));
        Assert.Equal(2, await CallsAsync(Token));
        Assert.Equal(2, await CallsAsync("users.get", 401));
    }
}
