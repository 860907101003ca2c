using System.Net;
using System.Text;
using System.Text.Json;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Tests.EndToEnd;
using Offboarding.Functions.Transfer;
using Offboarding.LocalHost;
using TestSupport;
using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Fixtures;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.Hosting.Pipeline;

/// <summary>
/// The app's own [Function] classes with the app's own composition (AddOffboardingFunctionApp, as Program.cs), on the
/// local host over real HTTP, with its queue listener and leased timer: a signed webhook becomes a completed
/// offboarding with one Zoho transfer call, and a transfer that keeps failing reaches the poison queue, whose
/// function ends the offboarding as failed with the reason.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class PipelineDriversTests(PipelineFixture fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.Sandbox.Control.ResetAsync();
        await fixture.Sandbox.Control.ClearCallLogAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_signed_webhook_over_http_completes_through_the_queue_listener_and_the_timer()
    {
        await using var host = await StartAsync();
        await using var inspect = new PipelineHarness(fixture);

        var location = await PostSignedAsync(host, PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail));

        await Eventually.HoldsAsync(async () => await StateAsync(host, location) == "completed", "the offboarding completed", within: TimeSpan.FromSeconds(60));
        var id = location.Split('/')[^1];
        var record = await inspect.GetAsync(id);
        Assert.Equal(OffboardingState.Completed, record.State);
        Assert.Equal(Users.ManagerId, record.TargetZohoId);
        Assert.Equal(TargetRule.Manager, record.TargetRule);
        Assert.Equal(1, await inspect.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        var events = await inspect.EventsForAsync(id);
        Assert.Contains(events, e => e.Type == "com.northwind.offboarding.completed" && e.Id == $"{id}.completed");
    }

    [Fact]
    public async Task A_transfer_that_keeps_failing_is_poisoned_and_the_poison_function_fails_the_offboarding_with_the_reason()
    {
        // Zoho unreachable; one delivery only, so the message goes to poison on its first failure.
        await using var host = await StartAsync(new()
        {
            ["Zoho:ApiUri"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["Zoho:AccountsUri"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["Zoho:MaxRetries"] = "0",
            ["Transfer:MaxDequeueCount"] = "5",
            [$"{HostJsonConfiguration.QueuesSection}:maxDequeueCount"] = "1",
        });

        var location = await PostSignedAsync(host, PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail));

        await Eventually.HoldsAsync(async () => await StateAsync(host, location) == "failed", "the offboarding failed", within: TimeSpan.FromSeconds(60));
        using var view = JsonDocument.Parse(await StatusAsync(host, location));
        var failure = view.RootElement.GetProperty("failure");
        Assert.Equal(RefusalCodes.RetriesExhausted, failure.GetProperty("code").GetString());
        Assert.Contains("was moved to offboarding-requests-poison", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    // The status route is an operator route: the operator key stands in for a signed-in operator.
    private static async Task<string> StatusAsync(FunctionAppHost host, string location)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PipelineHarness.OperatorKey);
        using var response = await host.Client.SendAsync(request);
        return await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
    }

    private Task<FunctionAppHost> StartAsync(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString,
            ["Intake:WebhookSecrets"] = PipelineHarness.WebhookSecret,
            ["Intake:MergeSignatureKeys"] = PipelineHarness.MergeKey,
            ["Transfer:ProtectedUsers"] = Users.BreakGlassEmail,
            ["Transfer:FallbackUser"] = Users.FallbackOwnerEmail,
            ["POLL_SCHEDULE"] = "* * * * * *",
            ["Poll:Backoff"] = "00:00:00.100",
            ["Events:TypePrefix"] = "com.northwind",
            ["Zoho:AccountsUri"] = fixture.Sandbox.BaseUri.ToString(),
            ["Zoho:ApiUri"] = fixture.Sandbox.BaseUri.ToString(),
            ["Zoho:ClientId"] = DefaultOrg.ClientId,
            ["Zoho:ClientSecret"] = DefaultOrg.ClientSecret,
            ["Zoho:RefreshToken"] = DefaultOrg.RefreshToken,
            ["Zoho:UserDirectoryTtl"] = "00:00:00.001",
            ["Operators:Key"] = PipelineHarness.OperatorKey,
            [$"{HostJsonConfiguration.QueuesSection}:maxPollingInterval"] = "00:00:00.200",
            [$"{HostJsonConfiguration.QueuesSection}:visibilityTimeout"] = "00:00:00",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return FunctionAppHost.StartAsync(
            (services, configuration) => services.AddOffboardingFunctionApp(configuration),
            settings,
            typeof(IntakeFunctions), typeof(OperatorFunctions), typeof(TransferFunctions), typeof(PollFunction));
    }

    private static async Task<string> PostSignedAsync(FunctionAppHost host, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/offboardings") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var id = $"msg_{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSigner.Sign(WebhookSecret.Parse(PipelineHarness.WebhookSecret), id, now, body));

        using var accepted = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return accepted.Headers.Location!.OriginalString;
    }

    private static async Task<string> StateAsync(FunctionAppHost host, string location)
    {
        using var view = JsonDocument.Parse(await StatusAsync(host, location));
        return view.RootElement.GetProperty("state").GetString()!;
    }

    private static string NewEvent() => $"evt-{Guid.NewGuid():N}";
}
