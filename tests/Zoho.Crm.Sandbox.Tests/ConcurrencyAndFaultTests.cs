using System.Net;
using TestSupport;
using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>The concurrency limit, injected faults, latency, credits and the call log's counts.</summary>
public sealed class ConcurrencyAndFaultTests(SandboxFixture sandbox) : SandboxTest(sandbox), IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Call_beyond_the_concurrency_limit_gets_429_while_the_others_are_held_open()
    {
        const int limit = 3;
        var token = await Zoho.AccessTokenAsync();
        await Control.UpdateSettingsAsync(s => s with { ConcurrencyLimit = limit, LatencyMinMs = 4000, LatencyMaxMs = 4000 });

        // Latency holds the admitted calls open (long enough for a loaded machine) while the extra one arrives.
        var held = Enumerable.Range(0, limit).Select(_ => Zoho.GetAsync("crm/v7/users", token)).ToList();
        await WaitUntilInFlightAsync(limit);

        var extra = await Zoho.GetAsync("crm/v7/users", token);
        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS"), (extra.Status, extra.Code));

        var answers = await Task.WhenAll(held);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var concurrency = await Control.GetConcurrencyAsync();
        Assert.Equal((limit, limit + 1, 1L), (concurrency.Limit, concurrency.Peak, concurrency.Rejected));
        Assert.Equal(limit, await Control.CountAsync("users.list", status: 200));
        Assert.Equal(1, await Control.CountAsync("users.list", status: 429));
    }

    [Fact]
    public async Task Calls_within_the_limit_never_get_429_and_peak_is_what_the_client_used()
    {
        var token = await Zoho.AccessTokenAsync();
        await Control.UpdateSettingsAsync(s => s with { ConcurrencyLimit = 4, LatencyMinMs = 300, LatencyMaxMs = 300 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Zoho.GetAsync("crm/v7/users", token)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.True(await Control.GetPeakConcurrencyAsync() <= 4);
    }

    [Fact]
    public async Task Token_calls_do_not_count_against_the_crm_concurrency_limit()
    {
        await Control.UpdateSettingsAsync(s => s with { ConcurrencyLimit = 0 });

        Assert.True((await Zoho.RefreshAsync()).ContainsKey("access_token"));
    }

    [Fact]
    public async Task Scripted_faults_hit_the_next_calls_in_order_then_calls_succeed()
    {
        var token = await Zoho.AccessTokenAsync();
        await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [FaultKind.InternalError, FaultKind.TooManyRequests, FaultKind.DropConnection] });

        Assert.Equal((HttpStatusCode.InternalServerError, "INTERNAL_ERROR"), Outcome(await Zoho.GetAsync("crm/v7/users", token)));
        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS"), Outcome(await Zoho.GetAsync("crm/v7/users", token)));
        await Assert.ThrowsAsync<HttpRequestException>(() => Zoho.GetAsync("crm/v7/users", token));
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);

        var log = await Control.GetCallLogAsync();
        Assert.Equal([FaultKind.InternalError, FaultKind.TooManyRequests, FaultKind.DropConnection, null], log.Where(e => e.Endpoint == "users.list").Select(e => e.Fault));
    }

    [Fact]
    public async Task Lost_response_still_takes_effect_as_a_crash_after_the_call_would()
    {
        var token = await Zoho.AccessTokenAsync();
        await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [FaultKind.DropResponse], FaultEndpoints = ["transfer_and_delete"] });

        await Assert.ThrowsAsync<HttpRequestException>(() => Zoho.PostAsync("crm/v7/users/actions/transfer_and_delete", token,
            TransferAndDeleteFlowTests.TransferBody(Fixtures.DefaultOrg.Users.LeaverId, Fixtures.DefaultOrg.Users.ManagerId)));

        var job = Assert.Single((await Control.GetStateAsync()).Jobs);
        Assert.Equal(Fixtures.DefaultOrg.Users.LeaverId, job.UserId);
        var entry = Assert.Single(await Control.GetCallLogAsync(), e => e.Endpoint == "transfer_and_delete");
        Assert.Equal((200, FaultKind.DropResponse, job.JobId), (entry.Status, entry.Fault, entry.JobId));
        Assert.Equal(1, await Control.CountAsync("transfer_and_delete", userId: Fixtures.DefaultOrg.Users.LeaverId));
    }

    [Fact]
    public async Task Settings_show_only_the_scripted_faults_still_to_come_so_updates_do_not_replay_them()
    {
        var token = await Zoho.AccessTokenAsync();
        await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [FaultKind.InternalError, FaultKind.TooManyRequests] });
        await Zoho.GetAsync("crm/v7/users", token);

        var settings = await Control.UpdateSettingsAsync(s => s with { LatencyMaxMs = 1 });

        Assert.Equal([FaultKind.TooManyRequests], settings.ScriptedFaults);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Zoho.GetAsync("crm/v7/users", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);
    }

    [Fact]
    public async Task Fault_endpoints_limit_faults_to_the_named_endpoints()
    {
        var token = await Zoho.AccessTokenAsync();
        await Control.UpdateSettingsAsync(s => s with { InternalErrorRate = 1, FaultEndpoints = ["transfer_and_delete.status"] });

        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await Zoho.GetAsync("crm/v7/users/actions/transfer_and_delete?job_id=1", token)).Status);
    }

    [Fact]
    public async Task Token_endpoint_faults_only_when_named()
    {
        await Control.UpdateSettingsAsync(s => s with { InternalErrorRate = 1 });
        Assert.True((await Zoho.RefreshAsync()).ContainsKey("access_token"));

        await Control.UpdateSettingsAsync(s => s with { InternalErrorRate = 1, FaultEndpoints = ["token"] });
        using var http = new HttpClient { BaseAddress = BaseUri };
        using var response = await http.PostAsync(new Uri("oauth/v2/token", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Retry_after_is_sent_on_429_when_configured()
    {
        var token = await Zoho.AccessTokenAsync();
        await Control.UpdateSettingsAsync(s => s with { TooManyRequestsRate = 1, RetryAfterSeconds = 7 });
        using var http = new HttpClient { BaseAddress = BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("crm/v7/users", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Zoho-oauthtoken", token);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Daily_credits_run_out_and_free_up_after_24_hours()
    {
        await Control.UpdateSettingsAsync(s => s with { DailyCredits = 3, TokenLifetimeSeconds = 200_000 });
        var token = await Zoho.AccessTokenAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);
        }

        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS"), Outcome(await Zoho.GetAsync("crm/v7/users", token)));
        Assert.Equal(3, (await Control.GetStateAsync()).CreditsUsed);

        await Control.AdvanceClockAsync(TimeSpan.FromHours(24));
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);
    }

    [Fact]
    public async Task Credits_free_up_after_the_configured_window_and_not_before()
    {
        await Control.UpdateSettingsAsync(s => s with { DailyCredits = 2, CreditWindowSeconds = 60, TokenLifetimeSeconds = 200_000 });
        var token = await Zoho.AccessTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);
        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS"), Outcome(await Zoho.GetAsync("crm/v7/users", token)));

        await Control.AdvanceClockAsync(TimeSpan.FromSeconds(50));
        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS"), Outcome(await Zoho.GetAsync("crm/v7/users", token)));

        await Control.AdvanceClockAsync(TimeSpan.FromSeconds(11));
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);
    }

    [Fact]
    public void A_credit_window_of_zero_is_refused()
    {
        var problems = global::Zoho.Crm.Sandbox.Inspection.SandboxSettingsValidator.Problems(new SandboxSettings { CreditWindowSeconds = 0 });

        Assert.Contains("creditWindowSeconds must be > 0", problems);
    }

    [Fact]
    public async Task Counts_group_calls_by_endpoint_status_and_code()
    {
        var token = await Zoho.AccessTokenAsync();
        await Zoho.GetAsync("crm/v7/users", token);
        await Zoho.GetAsync("crm/v7/users", token);
        await Zoho.GetAsync("crm/v7/users", null);

        var counts = await Control.GetCallCountsAsync();

        Assert.Contains(new CallCount("users.list", 200, null, 2), counts);
        Assert.Contains(new CallCount("users.list", 401, "INVALID_TOKEN", 1), counts);
        Assert.Contains(new CallCount("token", 200, null, 1), counts);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Control.UpdateSettingsAsync(s => s with { InternalErrorRate = 2 }));

        Assert.Contains("internalErrorRate", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Control.GetSettingsAsync()).InternalErrorRate);
    }

    [Fact]
    public async Task Reset_restores_the_org_and_clears_log_and_settings()
    {
        var token = await Zoho.AccessTokenAsync();
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 0 });
        await Zoho.PostAsync("crm/v7/users/actions/transfer_and_delete", token, TransferAndDeleteFlowTests.TransferBody(Fixtures.DefaultOrg.Users.LeaverId, Fixtures.DefaultOrg.Users.ManagerId));
        Assert.Equal("deleted", (await Control.GetStateAsync()).User(Fixtures.DefaultOrg.Users.LeaverId).Status);

        await Control.ResetAsync();

        var state = await Control.GetStateAsync();
        Assert.Equal("active", state.User(Fixtures.DefaultOrg.Users.LeaverId).Status);
        Assert.Empty(state.Jobs);
        Assert.Empty(await Control.GetCallLogAsync());
        Assert.Equal(2, (await Control.GetSettingsAsync()).JobDurationSeconds);
        Assert.Equal("INVALID_TOKEN", (await Zoho.GetAsync("crm/v7/users", token)).Code);
    }

    private static (HttpStatusCode, string?) Outcome(ZohoAnswer answer) => (answer.Status, answer.Code);

    private Task WaitUntilInFlightAsync(int count) =>
        Eventually.HoldsAsync(async () => (await Control.GetConcurrencyAsync()).Current >= count, $"{count} held calls reached the sandbox", every: TimeSpan.FromMilliseconds(20));
}
