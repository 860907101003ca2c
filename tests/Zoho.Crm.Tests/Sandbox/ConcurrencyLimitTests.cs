using TestSupport;
using Xunit.Abstractions;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

public sealed class ConcurrencyLimitTests(SandboxFixture sandbox, ITestOutputHelper output) : SandboxTest(sandbox)
{
    private const int SandboxLimit = 5;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Control.UpdateSettingsAsync(s => s with { ConcurrencyLimit = SandboxLimit, LatencyMinMs = 10, LatencyMaxMs = 30 });
    }

    [Fact]
    public async Task At_the_servers_limit_a_200_way_load_causes_no_429_and_fills_every_slot()
    {
        using var client = SandboxClients.Create(Sandbox, o => o.MaxConcurrency = SandboxLimit);

        var users = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetUserAsync(Users.LeaverId)));

        Assert.All(users, Assert.NotNull);
        var concurrency = await Control.GetConcurrencyAsync();
        Assert.Equal(0, await CallsAsync("users.get", 429));
        Assert.Equal(0, concurrency.Rejected);
        Assert.Equal(SandboxLimit, concurrency.Peak);
        Assert.Equal(200, await CallsAsync("users.get", 200));
        output.WriteLine($"limit {SandboxLimit}: 200 calls, 0 429s, sandbox peak {concurrency.Peak}");
    }

    [Fact]
    public async Task Below_the_servers_limit_the_peak_is_the_clients_limit()
    {
        using var client = SandboxClients.Create(Sandbox, o => o.MaxConcurrency = 3);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetUserAsync(Users.LeaverId)));

        Assert.Equal(3, (await Control.GetConcurrencyAsync()).Peak);
        Assert.Equal(0, await CallsAsync("users.get", 429));
    }

    [Fact]
    public async Task Above_the_servers_limit_429s_happen_and_are_retried_away()
    {
        // The control experiment: the limit is what prevents the 429s above.
        using var client = SandboxClients.Create(Sandbox, o => { o.MaxConcurrency = 7; o.MaxRetries = 20; o.RetryMaxDelay = TimeSpan.FromMilliseconds(100); });

        var users = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetUserAsync(Users.LeaverId)));

        Assert.All(users, Assert.NotNull);
        var rejected = await CallsAsync("users.get", 429);
        Assert.True(rejected > 0);
        Assert.Equal(200, await CallsAsync("users.get", 200));
        output.WriteLine($"client limit 7 over sandbox limit {SandboxLimit}: {rejected} 429s, all retried to success");
    }
}
