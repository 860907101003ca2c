using System.Text;
using Azure.Messaging;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;
using Zoho.Crm.Sandbox.Fixtures;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// One pipeline, wired exactly as the app wires it (<c>AddOffboardingFunctionApp</c>), over the shared Azurite and
/// sandbox. Drives the functions through their trigger contracts the way the drivers do: HTTP requests with
/// raw bodies, queue messages with dequeue counts and poison after 5, and poll cycles.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string MergeKey = "merge-test-signature-key-0123456789";
    public const string OperatorKey = "operator-test-key-0123456789abcdef0123456789";

    private readonly ServiceProvider _provider;
    private readonly PipelineFixture _fixture;

    /// <summary>A pipeline over <paramref name="fixture"/>; <paramref name="configure"/> adds to its services last (e.g. a test's telemetry exporters).</summary>
    public PipelineHarness(PipelineFixture fixture, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        _fixture = fixture ?? throw new ArgumentNullException(nameof(fixture));
        var settings = Settings(fixture);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddOffboardingFunctionApp(configuration);
        services.AddSingleton(Crash);
        services.AddSingleton(Gate);
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(StorageCalls, Azure.Core.HttpPipelinePosition.PerCall)));
        // One handler chain for the harness's life: the Zoho client takes a client from the factory per call, and a
        // rebuilt chain could not take the same Crash instance again.
        services.AddHttpClient(Zoho.Crm.ZohoCrmServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(_ => Crash).AddHttpMessageHandler(_ => Gate)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider();
    }

    /// <summary>The settings the harness runs the app with over <paramref name="fixture"/>, for a host of the same app beside it.</summary>
    public static Dictionary<string, string?> Settings(PipelineFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString,
            ["Intake:WebhookSecrets"] = WebhookSecret,
            ["Intake:MergeSignatureKeys"] = MergeKey,
            ["Transfer:ProtectedUsers"] = DefaultOrg.Users.BreakGlassEmail,
            ["Transfer:FallbackUser"] = DefaultOrg.Users.FallbackOwnerEmail,
            ["Poll:Backoff"] = "00:00:00.100",
            ["Events:TypePrefix"] = "com.northwind",
            ["Zoho:AccountsUri"] = fixture.Sandbox.BaseUri.ToString(),
            ["Zoho:ApiUri"] = fixture.Sandbox.BaseUri.ToString(),
            ["Zoho:ClientId"] = DefaultOrg.ClientId,
            ["Zoho:ClientSecret"] = DefaultOrg.ClientSecret,
            ["Zoho:RefreshToken"] = DefaultOrg.RefreshToken,
            ["Zoho:RetryBaseDelay"] = "00:00:00.010",
            ["Zoho:RetryMaxDelay"] = "00:00:00.050",
            ["Zoho:UserDirectoryTtl"] = "00:00:00.001",
            ["Operators:Key"] = OperatorKey,

            // Off unless a test is about it: several tests send more than the default 25 within the hour.
            ["Hold:Threshold"] = "0",
        };
    }

    public CapturedLogs Logs { get; } = new();

    /// <summary>The pipeline's clock: the system's, unless a test moves it on.</summary>
    public MovableTime Time { get; } = new();

    /// <summary>Moves the pipeline's clock past the submitting lease, as if the claimant had died that long ago.</summary>
    public void LetTheSubmittingLeaseLapse() =>
        Time.Advance(_provider.GetRequiredService<IOptions<Transfer.TransferOptions>>().Value.SubmittingLease + TimeSpan.FromSeconds(1));

    public CrashAfterZohoAnswersHandler Crash { get; } = new();

    public ZohoCallGate Gate { get; } = new();

    /// <summary>Every storage operation this pipeline makes; can fail chosen ones.</summary>
    public TestSupport.StorageCallLog StorageCalls { get; } = new();

    public IServiceProvider Services => _provider;

    public PipelineStorage Storage => _provider.GetRequiredService<PipelineStorage>();

    public OffboardingRepository Repository => _provider.GetRequiredService<OffboardingRepository>();

    /// <summary>The HTTP step behind the function of that name (Triggers/IntakeFunctions and Triggers/OperatorFunctions).</summary>
    public IHttpHandler Http(string name) => name switch
    {
        "Intake" => _provider.GetRequiredService<IntakeHandler>(),
        "MergeIntake" => _provider.GetRequiredService<MergeIntakeHandler>(),
        "Rescind" => _provider.GetRequiredService<RescindHandler>(),
        "Health" => _provider.GetRequiredService<Health.HealthHandler>(),
        "GetOffboarding" => Operator<Operators.GetOffboardingHandler>(),
        "ListOffboardings" => Operator<Operators.ListOffboardingsHandler>(),
        "CountOffboardings" => Operator<Operators.CountOffboardingsHandler>(),
        "CancelOffboarding" => Operator<Operators.CancelOffboardingHandler>(),
        "RetryOffboarding" => Operator<Operators.RetryOffboardingHandler>(),
        "ReplayOffboardingEvents" => Operator<Operators.ReplayOffboardingEventsHandler>(),
        "ReplayEvents" => Operator<Operators.ReplayEventsHandler>(),
        "GetHold" => Operator<Operators.GetHoldHandler>(),
        "ApproveHold" => Operator<Operators.ApproveHoldHandler>(),
        "RejectHold" => Operator<Operators.RejectHoldHandler>(),
        "GetZohoUsage" => Operator<Operators.ZohoUsageHandler>(),
        _ => throw new ArgumentException($"No HTTP function {name}.", nameof(name)),
    };

    private Operators.OperatorEndpoint<TFunction> Operator<TFunction>()
        where TFunction : Operators.IOperatorHandler => _provider.GetRequiredService<Operators.OperatorEndpoint<TFunction>>();

    /// <summary>
    /// Calls an operator route as the operator key holder: <paramref name="path"/> after <c>/api/</c>, the route values
    /// and query it carries, a JSON body for a POST.
    /// </summary>
    public Task<HttpAnswer> OperatorAsync(string function, string method, string path, string? json = null,
        IDictionary<string, string>? route = null, IDictionary<string, string>? query = null, string? caller = "Test Operator") =>
        Http(function).RunAsync(Request(method, path, json is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(json), OperatorHeaders(caller), route, query), CancellationToken.None);

    public static Dictionary<string, string> OperatorHeaders(string? caller = "Test Operator")
    {
        var headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {OperatorKey}", ["Content-Type"] = "application/json" };
        if (caller is not null)
        {
            headers["X-Operator-Name"] = caller;
        }

        return headers;
    }

    public TransferHandler Transfer => _provider.GetRequiredService<TransferHandler>();

    public PollHandler Poll => _provider.GetRequiredService<PollHandler>();

    /// <summary>A canonical request signed as a Standard Webhooks sender would sign it.</summary>
    public static TestRequest SignedRequest(string json, string? messageId = null, DateTimeOffset? at = null, string contentType = "application/json")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var id = messageId ?? $"msg_{Guid.NewGuid():N}";
        var when = at ?? DateTimeOffset.UtcNow;
        var signature = StandardWebhookSigner.Sign(Offboarding.Functions.Intake.WebhookSecret.Parse(WebhookSecret), id, when, body);
        return Request("POST", "offboardings", body, new Dictionary<string, string>
        {
            ["Content-Type"] = contentType,
            ["webhook-id"] = id,
            ["webhook-timestamp"] = when.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = signature,
        });
    }

    public static TestRequest Request(string method, string path, ReadOnlyMemory<byte> body, IDictionary<string, string> headers, IDictionary<string, string>? route = null, IDictionary<string, string>? query = null) =>
        new(method, "/api/" + path,
            new Dictionary<string, string>(route ?? new Dictionary<string, string>()),
            (query ?? new Dictionary<string, string>()).ToDictionary(p => p.Key, p => new[] { p.Value }),
            headers.ToDictionary(p => p.Key, p => new[] { p.Value }, StringComparer.OrdinalIgnoreCase),
            body);

    public static string UserRequest(string eventId, string email, string extra = "") =>
        $$"""{"source":"hris-test","sourceEventId":"{{eventId}}","employee":{"workEmail":"{{email}}"}{{extra}}}""";

    public Task<HttpAnswer> PostAsync(TestRequest request) => Http("Intake").RunAsync(request, CancellationToken.None);

    /// <summary>Posts a signed webhook for <paramref name="email"/> (a fresh event id) and returns the accepted offboarding's id.</summary>
    public async Task<string> SubmitUserAsync(string email, string extra = "")
    {
        var response = await PostAsync(SignedRequest(UserRequest($"evt-{Guid.NewGuid():N}", email, extra)));
        Assert.Equal(202, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(response.Body!);
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary><see cref="SubmitUserAsync"/>, then the requests queue drained: the offboarding's job is scheduled.</summary>
    public async Task<string> SubmitUntilScheduledAsync(string email)
    {
        var id = await SubmitUserAsync(email);
        await DrainRequestsAsync();
        Assert.Equal(OffboardingState.Submitted, (await GetAsync(id)).State);
        return id;
    }

    public async Task<OffboardingRecord> GetAsync(string id) =>
        (await Repository.GetAsync(id, CancellationToken.None))?.Record ?? throw new InvalidOperationException($"No record {id}.");

    /// <summary>
    /// Delivers every visible request message to the transfer function with the queue trigger's semantics:
    /// success deletes, failure makes the message visible again, the 5th failure moves it to the poison queue.
    /// </summary>
    public async Task<int> DrainRequestsAsync(int maxRounds = 50)
    {
        var handled = 0;
        for (var round = 0; round < maxRounds; round++)
        {
            var messages = (await Storage.Requests.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
            if (messages.Length == 0)
            {
                return handled;
            }

            foreach (var message in messages)
            {
                handled++;
                try
                {
                    await Transfer.RunAsync(QueuesModelFactory.QueueMessage(message.MessageId, message.PopReceipt, message.MessageText, message.DequeueCount, insertedOn: message.InsertedOn, expiresOn: message.ExpiresOn), CancellationToken.None);
                    await Storage.Requests.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                catch (Exception) when (message.DequeueCount >= 5)
                {
                    await Storage.RequestsPoison.SendMessageAsync(message.MessageText);
                    await Storage.Requests.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                catch (Exception)
                {
                    await Storage.Requests.UpdateMessageAsync(message.MessageId, message.PopReceipt, (string?)null, TimeSpan.Zero);
                }
            }
        }

        return handled;
    }

    /// <summary>Runs poll cycles until the record reaches a state the predicate accepts; fails if it does not within a minute.</summary>
    public async Task<OffboardingRecord> PollUntilAsync(string id, Func<OffboardingRecord, bool> done)
    {
        var cycles = 0;
        return await TestSupport.Eventually.ReturnsAsync(
            async () =>
            {
                if (cycles++ > 0)
                {
                    await Poll.RunCycleAsync(CancellationToken.None);
                }

                return await GetAsync(id);
            },
            done,
            $"offboarding {id} reached the awaited state",
            within: TimeSpan.FromMinutes(1),
            every: TimeSpan.FromMilliseconds(100),
            describe: record => Task.FromResult($"{record.State} after {cycles - 1} poll cycles, last steps {string.Join(" | ", record.Audit.TakeLast(3).Select(a => $"{a.Step} {a.Outcome}"))}"));
    }

    /// <summary>Moves every event on the events queue into the fixture's list and returns those about <paramref name="offboardingId"/>.</summary>
    public async Task<IReadOnlyList<CloudEvent>> EventsForAsync(string offboardingId)
    {
        while (true)
        {
            var messages = (await Storage.Events.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                _fixture.Events.Add(CloudEvent.Parse(BinaryData.FromString(message.MessageText))!);
                await Storage.Events.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return [.. _fixture.Events.Where(e => e.Subject == offboardingId)];
    }

    /// <summary>
    /// Calls the sandbox took for <paramref name="endpoint"/>. A 401 INVALID_TOKEN is not counted: it is rejected before
    /// anything happens, and the sandbox's reset between tests revokes the token the table cache still holds.
    /// </summary>
    public async Task<int> ZohoCallsAsync(string endpoint, string? userId = null, int? status = null) =>
        (await _fixture.Sandbox.Control.GetCallLogAsync()).Count(c =>
            c.Endpoint == endpoint && c.Status != 401 && (status is null || c.Status == status) && (userId is null || c.UserId == userId));

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
