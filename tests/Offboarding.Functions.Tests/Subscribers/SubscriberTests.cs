using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Tests.EndToEnd;
using Offboarding.Functions.Tests.Hosting;
using Offboarding.Subscriber;
using Offboarding.Subscriber.Delivery;
using Offboarding.Subscriber.Handling;
using TestSupport;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.Subscribers;

/// <summary>
/// Issue 29: the sample subscriber (functions/Offboarding.Subscriber) on the local host, reacting to a real offboarding
/// run over Azurite and the sandbox: from the events queue and from Event Grid's webhook delivery, one chat message per
/// event id, however often the event arrives.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class SubscriberTests : SandboxResetTest
{
    public SubscriberTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task One_completed_offboarding_gives_exactly_one_chat_message_though_its_event_is_delivered_twice_and_replayed()
    {
        await using var stack = await SubscriberStack.StartAsync(Fixture);
        var id = await stack.OffboardAsync(Users.LeaverEmail);

        var message = await Eventually.ReturnsAsync(() => Task.FromResult(stack.Chat.Messages.ToArray()), m => m.Length > 0, "the subscriber posted to the chat");
        Assert.Equal($"{Users.LeaverEmail} was offboarded from Zoho CRM; records, deals and contacts now belong to Zoho user {(await stack.Pipeline.GetAsync(id)).TargetZohoId} (the manager rule).", Assert.Single(message));

        // Delivered again on the queue, then through Event Grid, then replayed by an operator.
        var completed = OffboardingEventFactory.Serialize(stack.Pipeline.Services.GetRequiredService<OffboardingEventFactory>().Create(await stack.Pipeline.GetAsync(id), OffboardingOutcome.Completed));
        await stack.EventsQueue.SendMessageAsync(completed);
        using (var eventGrid = await stack.DeliverThroughEventGridAsync(completed))
        {
            Assert.Equal(HttpStatusCode.OK, eventGrid.StatusCode);
        }

        var replay = await stack.Pipeline.OperatorAsync("ReplayOffboardingEvents", "POST", $"offboardings/{id}/events/replay", """{"reason":"the chat lost it"}""", route: new Dictionary<string, string> { ["id"] = id });
        Assert.Equal(200, replay.StatusCode);

        // The queue's copy, Event Grid's, and the replay's submitted and completed events: each one dropped as handled.
        await Eventually.ReturnsAsync(() => Task.FromResult(stack.Subscriber.Logs.Lines.Count(l => l.Contains($"Event {id}.completed was already handled", StringComparison.Ordinal))), n => n >= 3, "the repeats reached the subscriber");
        await Eventually.ReturnsAsync(async () => (await stack.EventsQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount, n => n == 0, "the subscriber emptied the events queue");
        Assert.Single(stack.Chat.Messages);
        Assert.True(await stack.Subscriber.Services.GetRequiredService<HandledEvents>().WasPostedAsync($"{id}.completed", CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_post_is_retried_by_the_trigger_and_posted_once()
    {
        await using var stack = await SubscriberStack.StartAsync(Fixture);
        stack.Chat.FailFirst = 2;

        var id = await stack.OffboardAsync(Users.BreakGlassEmail);

        var messages = await Eventually.ReturnsAsync(() => Task.FromResult(stack.Chat.Messages.ToArray()), m => m.Length > 0, "the subscriber's retry posted to the chat");
        Assert.StartsWith($"Offboarding {Users.BreakGlassEmail} from Zoho CRM failed: PROTECTED_USER", Assert.Single(messages), StringComparison.Ordinal);
        Assert.Equal(2, stack.Chat.Refused);
        Assert.True(await stack.Subscriber.Services.GetRequiredService<HandledEvents>().WasPostedAsync($"{id}.failed", CancellationToken.None));
    }

    [Fact]
    public async Task Event_grid_delivery_answers_the_handshake_and_refuses_events_their_schema_refuses_so_they_are_dead_lettered()
    {
        await using var stack = await SubscriberStack.StartAsync(Fixture);
        using var options = new HttpRequestMessage(HttpMethod.Options, "/api/eventgrid");
        options.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
        using var handshake = await stack.Subscriber.Client.SendAsync(options);
        Assert.Equal(HttpStatusCode.OK, handshake.StatusCode);
        Assert.Equal("eventgrid.azure.net", handshake.Headers.GetValues("WebHook-Allowed-Origin").Single());

        var schema = stack.AppHost.BaseAddress + "api/schemas/offboarding.completed.event.json";
        var invalid = $$$"""{"specversion":"1.0","id":"{{{new string('a', 32)}}}.completed","source":"/offboarding","type":"com.northwind.offboarding.completed","datacontenttype":"application/json","dataschema":"{{{schema}}}","data":{"offboardingId":"not an id","outcome":"completed"}}""";
        using var refused = await stack.DeliverThroughEventGridAsync(invalid);
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{refused.StatusCode}: {string.Join('\n', stack.Subscriber.Logs.Lines.TakeLast(10))}");

        var elsewhere = invalid.Replace(schema, "http://127.0.0.1:9/schemas/x.json", StringComparison.Ordinal);
        using var untrusted = await stack.DeliverThroughEventGridAsync(elsewhere);
        Assert.Equal(HttpStatusCode.BadRequest, untrusted.StatusCode);

        using var garbage = await stack.DeliverThroughEventGridAsync("{not json");
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Empty(stack.Chat.Messages);
    }

    /// <summary>The app (its pipeline in process, its schema and status routes on Kestrel), the subscriber on the local host, and a chat.</summary>
    private sealed class SubscriberStack : IAsyncDisposable
    {
        private SubscriberStack(PipelineHarness pipeline, FunctionAppHost appHost, FunctionAppHost subscriber, ChatReceiver chat, QueueClient eventsQueue)
        {
            Pipeline = pipeline;
            AppHost = appHost;
            Subscriber = subscriber;
            Chat = chat;
            EventsQueue = eventsQueue;
        }

        public PipelineHarness Pipeline { get; }

        public FunctionAppHost AppHost { get; }

        public FunctionAppHost Subscriber { get; }

        public ChatReceiver Chat { get; }

        public QueueClient EventsQueue { get; }

        public static async Task<SubscriberStack> StartAsync(PipelineFixture fixture)
        {
            var events = new QueueClient(fixture.Azurite.ConnectionString, Storage.StorageNames.EventQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            await events.CreateIfNotExistsAsync();
            await events.ClearMessagesAsync();
            var port = FreePort.Next();
            var appBase = new Uri($"http://127.0.0.1:{port}");
            var settings = PipelineHarness.Settings(fixture);
            settings["Events:SchemaBaseUri"] = appBase.AbsoluteUri;
            var appHost = await FunctionAppHost.StartAsync(port, (services, configuration) => services.AddOffboardingFunctionApp(configuration), settings, typeof(ContractFunctions), typeof(OperatorFunctions));
            var pipeline = new PipelineHarness(fixture, new Dictionary<string, string?> { ["Events:SchemaBaseUri"] = appBase.AbsoluteUri });
            var chat = await ChatReceiver.StartAsync();
            var subscriber = await FunctionAppHost.StartAsync(
                (services, configuration) => services.AddOffboardingSubscriber(configuration),
                new Dictionary<string, string?>
                {
                    ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString,
                    ["Subscriber:AppBaseUri"] = appBase.AbsoluteUri,
                    ["Subscriber:ChatWebhookUri"] = chat.Uri.AbsoluteUri,
                    ["Subscriber:OperatorKey"] = PipelineHarness.OperatorKey,
                    ["Subscriber:HandledEventsTable"] = $"handled{Guid.NewGuid():N}",

                    // A failed delivery is visible again at once rather than after host.json's 10 s.
                    ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.100",
                },
                typeof(SubscriberFunctions));
            return new SubscriberStack(pipeline, appHost, subscriber, chat, events);
        }

        public async Task<string> OffboardAsync(string email)
        {
            var response = await Pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", email)));
            Assert.Equal(202, response.StatusCode);
            var id = JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;
            await Pipeline.DrainRequestsAsync();
            await Pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
            return id;
        }

        /// <summary>As Event Grid delivers to a webhook in the CloudEvents 1.0 schema (structured mode).</summary>
        public Task<HttpResponseMessage> DeliverThroughEventGridAsync(string cloudEvent) =>
            Subscriber.Client.PostAsync("/api/eventgrid", new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json"));

        public async ValueTask DisposeAsync()
        {
            await Subscriber.DisposeAsync();
            await Chat.DisposeAsync();
            await Pipeline.DisposeAsync();
            await AppHost.DisposeAsync();
        }
    }
}
