using Microsoft.Extensions.DependencyInjection;
using TestSupport;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

public sealed class ResilienceTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    [Theory]
    [InlineData(FaultKind.InternalError)]
    [InlineData(FaultKind.TooManyRequests)]
    [InlineData(FaultKind.DropConnection)]
    public async Task An_injected_fault_is_retried_and_then_succeeds(FaultKind fault)
    {
        await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [fault, fault] });
        using var client = SandboxClients.Create(Sandbox);

        Assert.NotNull(await client.GetUserAsync(Users.LeaverId));

        var calls = (await Control.GetCallLogAsync()).Where(e => e.Endpoint == "users.get").ToList();
        Assert.Equal([fault, fault, null], calls.Select(c => c.Fault));
    }

    [Fact]
    public async Task Every_operation_survives_a_mix_of_faults()
    {
        await Control.UpdateSettingsAsync(s => s with
        {
            ScriptedFaults = [FaultKind.InternalError, FaultKind.DropConnection, FaultKind.TooManyRequests, FaultKind.InternalError, FaultKind.TooManyRequests],
            JobDurationSeconds = 0,
        });
        using var client = SandboxClients.Create(Sandbox, o => o.MaxRetries = 6);

        var job = await client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.LeaverId, TransferToUserId = Users.ManagerId });
        var status = await client.GetTransferAndDeleteStatusAsync(job.JobId);

        Assert.Equal(TransferJobState.Completed, status.State);
        Assert.Single((await Control.GetStateAsync()).Jobs);
        Assert.Equal(5, (await Control.GetCallLogAsync()).Count(e => e.Fault is not null));
    }

    [Fact]
    public async Task Retries_stop_at_the_configured_limit_with_a_transient_error()
    {
        await Control.UpdateSettingsAsync(s => s with { InternalErrorRate = 1 });
        using var client = SandboxClients.Create(Sandbox, o => o.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId));

        Assert.Equal(("INTERNAL_ERROR", 500, ZohoErrorClassification.Transient, 3), (error.Code, error.HttpStatus, error.Classification, error.Attempts));
        Assert.Equal(3, await CallsAsync("users.get", 500));
    }

    [Fact]
    public async Task A_permanent_error_is_sent_exactly_once()
    {
        using var client = SandboxClients.Create(Sandbox, o => o.MaxRetries = 5);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() =>
            client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.SuperAdminId, TransferToUserId = Users.ManagerId }));

        Assert.Equal((ZohoErrorClassification.Permanent, 1), (error.Classification, error.Attempts));
        Assert.Equal(1, await CallsAsync("transfer_and_delete"));
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [FaultKind.TooManyRequests], RetryAfterSeconds = 1 });
        var log = new CapturingLogger<ZohoCrmClient>();
        using var client = SandboxClients.Create(Sandbox, logger: log);

        Assert.NotNull(await client.GetUserAsync(Users.LeaverId));

        var calls = await Control.GetCallLogAsync();
        var throttled = Assert.Single(calls, c => c.Status == 429);
        var retry = calls.First(c => c.Sequence > throttled.Sequence && c.Endpoint == throttled.Endpoint);
        Assert.Equal(200, retry.Status);
        Assert.True(retry.Time - TimeSpan.FromMilliseconds(retry.DurationMs) >= throttled.Time + TimeSpan.FromMilliseconds(900),
            $"the retry started {(retry.Time - throttled.Time).TotalMilliseconds:0} ms after the 429 (Retry-After: 1 s)");
    }

    [Fact]
    public async Task A_retry_after_holds_every_call_of_the_client_not_only_the_refused_one()
    {
        await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [FaultKind.TooManyRequests], RetryAfterSeconds = 1 });
        var log = new CapturingLogger<ZohoCrmClient>();
        using var client = SandboxClients.Create(Sandbox, logger: log);

        var refused = client.GetUserAsync(Users.LeaverId);
        // The client's own word that it has the 429 and its Retry-After: the sandbox's call log would show the 429
        // before the client has read it, and a call started then would not yet have to wait.
        await Eventually.HoldsAsync(() => log.Lines.Any(l => l.Contains("retry 1 in", StringComparison.Ordinal)), "the 429 came back to the client", within: TimeSpan.FromSeconds(10), every: TimeSpan.FromMilliseconds(5));

        // Another call, started while Zoho's Retry-After runs, waits it out too instead of adding to the overload.
        Assert.NotNull(await client.GetUserAsync(Users.ManagerId));
        Assert.NotNull(await refused);

        Assert.Contains(log.Lines, l => l.Contains("Zoho asked this client to slow down", StringComparison.Ordinal));
        var calls = await Control.GetCallLogAsync();
        var throttled = Assert.Single(calls, c => c.Status == 429);
        var other = Assert.Single(calls, c => c.Endpoint == "users.get" && c.Path.EndsWith(Users.ManagerId, StringComparison.Ordinal));
        Assert.True(other.Time - TimeSpan.FromMilliseconds(other.DurationMs) >= throttled.Time + TimeSpan.FromMilliseconds(900),
            $"the second call started {(other.Time - throttled.Time).TotalMilliseconds:0} ms after the 429");
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_surfaces_the_error_instead_of_waiting()
    {
        await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [FaultKind.TooManyRequests], RetryAfterSeconds = 3600 });
        using var client = SandboxClients.Create(Sandbox, o => o.MaxRetryAfter = TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId));

        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal(ZohoErrorClassification.Transient, error.Classification);
        Assert.Equal(1, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task A_concurrent_job_limit_surfaces_at_once_with_zohos_limit_and_is_not_retried()
    {
        await Control.UpdateSettingsAsync(s => s with { ConcurrentJobLimit = 1, JobDurationSeconds = 600 });
        using var client = SandboxClients.Create(Sandbox, o => { o.MaxRetries = 20; o.RetryBaseDelay = TimeSpan.FromMilliseconds(20); });
        await client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.LeaverWithoutManagerId, TransferToUserId = Users.ManagerId });

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() =>
            client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.LeaverId, TransferToUserId = Users.ManagerId }));

        // The caller (the pipeline's job admission) waits for one of its own jobs to end; the client does not hammer Zoho.
        Assert.Equal((ZohoErrorCodes.ConcurrentJobLimitExceeded, ZohoErrorClassification.Transient, 1, 1), (error.Code, error.Classification, error.Attempts, error.JobLimit));
        Assert.True(error.IsJobLimitReached);
        Assert.False(error.EarlierAttemptAmbiguous);
        Assert.Equal(1, await Control.CountAsync("transfer_and_delete", code: "CONCURRENT_JOB_LIMIT_EXCEEDED"));
        Assert.Single((await Control.GetStateAsync()).Jobs);
    }

    [Fact]
    public async Task A_request_timeout_is_transient_and_retried()
    {
        using var client = SandboxClients.Create(Sandbox, o => { o.RequestTimeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 1; });
        await client.GetUserAsync(Users.ManagerId);
        await Control.UpdateSettingsAsync(s => s with { LatencyMinMs = 1500, LatencyMaxMs = 1500 });

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId));

        Assert.Equal((ZohoErrorCodes.ClientTimeout, ZohoErrorClassification.Transient, 2), (error.Code, error.Classification, error.Attempts));
        Assert.True(error.EarlierAttemptAmbiguous);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_zoho_error()
    {
        await Control.UpdateSettingsAsync(s => s with { LatencyMinMs = 2000, LatencyMaxMs = 2000 });
        using var client = SandboxClients.Create(Sandbox);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetUserAsync(Users.LeaverId, cancel.Token));
    }

    [Fact]
    public async Task The_http_client_timeout_from_a_factory_does_not_cut_short_what_the_request_timeout_allows()
    {
        // Stands in for the factory's default 100 s against a RequestTimeout above it: the HttpClient's timeout
        // (here 200 ms) is not what governs, so a 1 s answer within a 20 s RequestTimeout arrives.
        await Control.UpdateSettingsAsync(s => s with { LatencyMinMs = 1000, LatencyMaxMs = 1000 });
        using var services = new ServiceCollection()
            .AddHttpClient("zoho", http => http.Timeout = TimeSpan.FromMilliseconds(200)).Services
            .BuildServiceProvider();
        var options = SandboxClients.Options(Sandbox);
        options.RequestTimeout = TimeSpan.FromSeconds(20);
        using var client = new ZohoCrmClient(options, services.GetRequiredService<IHttpClientFactory>(), "zoho");

        Assert.NotNull(await client.GetUserAsync(Users.LeaverId));
        Assert.Equal(1, await CallsAsync("users.get", 200));
    }

    [Fact]
    public async Task An_http_client_that_has_already_sent_requests_is_refused_with_the_reason()
    {
        // Flurl must take over its timeout first, which HttpClient allows only before its first request.
        using var used = new HttpClient();
        (await used.GetAsync(Sandbox.BaseUri)).Dispose();

        var error = Assert.Throws<ArgumentException>(() => SandboxClients.Create(Sandbox, http: used));

        Assert.Equal("httpClient", error.ParamName);
        Assert.Contains("already sent requests", error.Message, StringComparison.Ordinal);
    }
}
