using System.Net;
using System.Text;
using System.Text.Json;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Hosting;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Persistence;
using Offboarding.Functions.Tests.EndToEnd;
using Offboarding.Functions.Tests.Hosting.CustomHandler;
using TestSupport;
using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Fixtures;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.Hosting.Pipeline;

/// <summary>
/// The real pipeline functions (AddOffboardingPipeline, as Program.cs registers them) driven both ways: standalone
/// over real HTTP with the queue listener and the leased timer, and as the Functions host drives a custom handler,
/// by invocation payloads. Both take a signed webhook to a completed offboarding with one Zoho transfer call.
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
    public async Task Standalone_a_signed_webhook_over_http_completes_through_the_queue_listener_and_the_timer()
    {
        await using var host = await StartAsync(FunctionHostingMode.Standalone);
        await using var inspect = new PipelineHarness(fixture);
        var body = Encoding.UTF8.GetBytes(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/offboardings") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in SignatureHeaders(body))
        {
            request.Headers.Add(name, value);
        }

        using var accepted = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.OriginalString;

        string state = "";
        await Eventually.HoldsAsync(
            async () =>
            {
                using var status = await host.Client.GetAsync(location);
                using var view = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
                state = view.RootElement.GetProperty("state").GetString()!;
                return state == "completed";
            },
            "the offboarding completed",
            seconds: 60);

        var id = location.Split('/')[^1];
        await AssertSameEffectAsync(inspect, id);
    }

    [Fact]
    public async Task Custom_handler_host_payloads_for_all_three_triggers_complete_the_same_offboarding()
    {
        await using var host = await StartAsync(FunctionHostingMode.CustomHandler);
        await using var inspect = new PipelineHarness(fixture);
        var json = PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail);

        // HTTP: the webhook as Data.req, body as text; the signature must verify over the same bytes.
        var (status, intake) = await HostInvocation.PostAsync(host.Client, "Intake", HttpPayload("POST", "offboardings", json, SignatureHeaders(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(200, status);
        var res = intake.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(202, res.GetProperty("statusCode").GetInt32());
        var id = res.GetProperty("headers").GetProperty("Location").GetString()!.Split('/')[^1];

        // Queue: the host receives the message and posts it, JSON-encoded a second time as it does for strings.
        var message = Assert.Single((await inspect.Storage.Requests.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value);
        var queuePayload = JsonSerializer.Serialize(new
        {
            Data = new { message = JsonSerializer.Serialize(message.MessageText) },
            Metadata = new { message.DequeueCount, Id = message.MessageId, message.PopReceipt, InsertionTime = message.InsertedOn, ExpirationTime = message.ExpiresOn },
        });
        (status, var transfer) = await HostInvocation.PostAsync(host.Client, "Transfer", queuePayload);
        Assert.True(status == 200, string.Join('\n', HostInvocation.Logs(transfer)));
        await inspect.Storage.Requests.DeleteMessageAsync(message.MessageId, message.PopReceipt); // the host settles it
        Assert.Equal(OffboardingState.Submitted, (await inspect.GetAsync(id)).State);

        // Timer: the host fires Poll (sub-minute schedule: no schedule status) until the job is done.
        await Eventually.HoldsAsync(
            async () =>
            {
                var (pollStatus, _) = await HostInvocation.PostAsync(host.Client, "Poll", """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""");
                Assert.Equal(200, pollStatus);
                return (await inspect.GetAsync(id)).State == OffboardingState.Completed;
            },
            "the offboarding completed",
            seconds: 60);

        // The status API through the payload path, with the route parameter in Params.
        var (_, view) = await HostInvocation.PostAsync(host.Client, "GetOffboarding", HttpPayload("GET", $"offboardings/{id}", "", [], new Dictionary<string, string> { ["id"] = id }));
        var statusRes = view.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(200, statusRes.GetProperty("statusCode").GetInt32());
        Assert.Equal("completed", JsonDocument.Parse(statusRes.GetProperty("body").GetString()!).RootElement.GetProperty("state").GetString());

        await AssertSameEffectAsync(inspect, id);
    }

    [Fact]
    public async Task Custom_handler_a_webhook_whose_body_changed_after_signing_is_401_and_queues_nothing()
    {
        await using var host = await StartAsync(FunctionHostingMode.CustomHandler);
        await using var inspect = new PipelineHarness(fixture);
        var eventId = NewEvent();
        var json = PipelineHarness.UserRequest(eventId, Users.LeaverEmail);
        var headers = SignatureHeaders(Encoding.UTF8.GetBytes(json));

        var (status, result) = await HostInvocation.PostAsync(host.Client, "Intake", HttpPayload("POST", "offboardings", json + " ", headers));

        Assert.Equal(200, status);
        Assert.Equal(401, result.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetInt32());
        var id = OffboardingId.From("hris-test", eventId);
        Assert.DoesNotContain((await inspect.Storage.Requests.PeekMessagesAsync(32)).Value, m => m.MessageText.Contains(id, StringComparison.Ordinal));
        Assert.Null(await inspect.Repository.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Custom_handler_a_transfer_that_cannot_reach_zoho_answers_500_so_the_host_retries()
    {
        await using var host = await StartAsync(FunctionHostingMode.CustomHandler, new() { ["Zoho:ApiUri"] = $"http://127.0.0.1:{FreePort.Next()}/", ["Zoho:AccountsUri"] = $"http://127.0.0.1:{FreePort.Next()}/", ["Zoho:MaxRetries"] = "0" });
        await using var inspect = new PipelineHarness(fixture);
        var json = PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail);
        var (_, intake) = await HostInvocation.PostAsync(host.Client, "Intake", HttpPayload("POST", "offboardings", json, SignatureHeaders(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(202, intake.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetInt32());
        var message = Assert.Single((await inspect.Storage.Requests.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value);

        var (status, result) = await HostInvocation.PostAsync(host.Client, "Transfer", JsonSerializer.Serialize(new
        {
            Data = new { message = message.MessageText },
            Metadata = new { DequeueCount = 1, Id = message.MessageId },
        }));

        Assert.Equal(500, status);
        Assert.Contains(HostInvocation.Logs(result), line => line.StartsWith("Error", StringComparison.Ordinal));
        await inspect.Storage.Requests.DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }

    private static async Task AssertSameEffectAsync(PipelineHarness inspect, string id)
    {
        var record = await inspect.GetAsync(id);
        Assert.Equal(OffboardingState.Completed, record.State);
        Assert.Equal(Users.ManagerId, record.TargetZohoId);
        Assert.Equal(TargetRule.Manager, record.TargetRule);
        Assert.Equal(1, await inspect.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        var events = await inspect.EventsForAsync(id);
        Assert.Contains(events, e => e.Type == "com.northwind.offboarding.completed" && e.Id == $"{id}.completed");
    }

    private Task<FunctionAppHost> StartAsync(FunctionHostingMode mode, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString,
            ["Intake:WebhookSecrets"] = PipelineHarness.WebhookSecret,
            ["Intake:MergeSignatureKeys"] = PipelineHarness.MergeKey,
            ["Transfer:ProtectedUsers"] = Users.BreakGlassEmail,
            ["Transfer:FallbackUser"] = Users.FallbackOwnerEmail,
            ["Poll:Schedule"] = "* * * * * *",
            ["Poll:Backoff"] = "00:00:00.100",
            ["Events:TypePrefix"] = "com.northwind",
            ["Zoho:AccountsUri"] = fixture.Sandbox.BaseUri.ToString(),
            ["Zoho:ApiUri"] = fixture.Sandbox.BaseUri.ToString(),
            ["Zoho:ClientId"] = DefaultOrg.ClientId,
            ["Zoho:ClientSecret"] = DefaultOrg.ClientSecret,
            ["Zoho:RefreshToken"] = DefaultOrg.RefreshToken,
            ["Zoho:UserDirectoryTtl"] = "00:00:00.001",
            [$"{HostJsonConfiguration.QueuesSection}:maxPollingInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return FunctionAppHost.StartAsync(mode, (services, configuration) => services.AddOffboardingPipeline(configuration), settings);
    }

    private static string NewEvent() => $"evt-{Guid.NewGuid():N}";

    private static Dictionary<string, string> SignatureHeaders(byte[] body)
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, string>
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = StandardWebhookSigner.Sign(WebhookSecret.Parse(PipelineHarness.WebhookSecret), id, now, body),
        };
    }

    private static string HttpPayload(string method, string route, string body, Dictionary<string, string> headers, Dictionary<string, string>? routeValues = null)
    {
        var allHeaders = headers.ToDictionary(p => p.Key, p => new[] { p.Value });
        allHeaders["Content-Type"] = ["application/json"];
        return JsonSerializer.Serialize(new
        {
            Data = new
            {
                req = new Dictionary<string, object?>
                {
                    ["Url"] = $"https://func-offboard.azurewebsites.net/api/{route}",
                    ["Method"] = method,
                    ["Query"] = new Dictionary<string, string>(),
                    ["Headers"] = allHeaders,
                    ["Params"] = routeValues ?? new Dictionary<string, string>(),
                    ["Identities"] = "[]",
                    ["Body"] = body,
                },
            },
            Metadata = new { sys = new { MethodName = "x", UtcNow = DateTimeOffset.UtcNow } },
        });
    }
}
