using System.Text.Json;
using Azure.Messaging;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Tests.Contracts;
using Offboarding.Functions.Tests.Hosting;
using Offboarding.Subscriber.Configuration;
using Offboarding.Subscriber.Schemas;
using TestSupport;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Real events, from offboardings run through the pipeline against the sandbox, carry data their published schema accepts.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class EventSchemaTests : SandboxResetTest
{
    public EventSchemaTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Every_outcome_published_in_a_run_is_valid_against_the_schema_its_dataschema_names()
    {
        // The app's schema route on a port of its own, which the pipeline names as its events' schema base.
        var port = FreePort.Next();
        var appBase = new Uri($"http://127.0.0.1:{port}");
        await using var contracts = await FunctionAppHost.StartAsync(
            port, (services, _) => services.AddSingleton(new SchemaLocation(appBase)).AddSingleton<PublishedDocuments>(), new Dictionary<string, string?>(), typeof(ContractFunctions));
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Poll:StalledAfter"] = "00:00:00.300", ["Events:SchemaBaseUri"] = appBase.AbsoluteUri });
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 3600 });
        var slow = await pipeline.SubmitUserAsync(Users.LeaverEmail);
        var dryRun = await pipeline.SubmitUserAsync(Users.ManagerEmail, ""","dryRun":true""");
        var refused = await pipeline.SubmitUserAsync(Users.BreakGlassEmail);
        await pipeline.DrainRequestsAsync();
        await pipeline.PollUntilAsync(slow, r => r.StalledAt is not null);
        await Fixture.Sandbox.Control.CompleteJobsAsync();
        await pipeline.PollUntilAsync(slow, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);

        var events = new List<CloudEvent>();
        foreach (var id in new[] { slow, dryRun, refused })
        {
            events.AddRange(await pipeline.EventsForAsync(id));
        }

        Assert.Equal(["completed", "dry_run", "failed", "stalled", "submitted"], events.Select(e => e.Type.Split('.')[^1]).Order(StringComparer.Ordinal));
        foreach (var cloudEvent in events)
        {
            var name = new Uri(cloudEvent.DataSchema!).Segments[^1];
            using var data = JsonDocument.Parse(cloudEvent.Data!);
            var problems = Published.Schemas[name].Problems(data.RootElement);

            Assert.True(problems.Count == 0, $"{cloudEvent.Type} against {name}: {string.Join("; ", problems)}\n{data.RootElement}");
            Assert.EndsWith($".{data.RootElement.GetProperty("outcome").GetString()}", cloudEvent.Type, StringComparison.Ordinal);
        }

        await AssertEachDataSchemaResolvesAndValidatesAsync(events, appBase);
    }

    /// <summary>As a subscriber would: fetch each event's <c>dataschema</c> (and what it refers to) over HTTP, validate its data.</summary>
    private static async Task AssertEachDataSchemaResolvesAndValidatesAsync(IEnumerable<CloudEvent> events, Uri appBase)
    {
        using var services = new ServiceCollection().AddHttpClient()
            .Configure<SubscriberOptions>(o => o.AppBaseUri = appBase).AddSingleton<DataSchemas>().BuildServiceProvider();
        var schemas = services.GetRequiredService<DataSchemas>();
        using var http = new HttpClient();
        foreach (var cloudEvent in events)
        {
            var dataSchema = new Uri(cloudEvent.DataSchema!);
            Assert.StartsWith($"{appBase.AbsoluteUri}api/schemas/", dataSchema.AbsoluteUri, StringComparison.Ordinal);
            using var served = JsonDocument.Parse(await http.GetStringAsync(dataSchema));
            Assert.Equal(dataSchema.AbsoluteUri, served.RootElement.GetProperty("$id").GetString());
            using var data = JsonDocument.Parse(cloudEvent.Data!);

            Assert.Empty(await schemas.ProblemsAsync(dataSchema, data.RootElement, CancellationToken.None));

            // And the fetched schema is no rubber stamp: the same data with another outcome is refused.
            var wrong = System.Text.Json.Nodes.JsonNode.Parse(cloudEvent.Data!.ToString())!;
            wrong["outcome"] = "no_such_outcome";
            using var wrongData = JsonDocument.Parse(wrong.ToJsonString());
            Assert.NotEmpty(await schemas.ProblemsAsync(dataSchema, wrongData.RootElement, CancellationToken.None));
        }
    }

    [Fact]
    public async Task The_events_operator_actions_cause_are_valid_against_their_schemas_and_name_the_actor()
    {
        await HoldTests.ResetAsync(Fixture);
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Hold:Threshold"] = "1" });
        var deferred = $$""","effectiveAt":"{{DateTimeOffset.UtcNow.AddDays(1):O}}" """.TrimEnd();
        var cancelled = await pipeline.SubmitUserAsync("first@northwind.example", deferred);
        var released = await pipeline.SubmitUserAsync("second@northwind.example", deferred);
        Assert.Equal(OffboardingState.Held, (await pipeline.GetAsync(released)).State);
        Assert.Equal(200, (await pipeline.OperatorAsync("ApproveHold", "POST", "holds/approve", null)).StatusCode);
        Assert.Equal(200, (await pipeline.OperatorAsync("CancelOffboarding", "POST", $"offboardings/{cancelled}/cancel", """{"reason":"rehired"}""", route: new Dictionary<string, string> { ["id"] = cancelled })).StatusCode);
        await HoldTests.ResetAsync(Fixture);
        var retried = await pipeline.SubmitUserAsync(Users.BreakGlassEmail);
        await pipeline.DrainRequestsAsync();
        await pipeline.PollUntilAsync(retried, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
        Assert.Equal(202, (await pipeline.OperatorAsync("RetryOffboarding", "POST", $"offboardings/{retried}/retry", """{"force":true}""", route: new Dictionary<string, string> { ["id"] = retried })).StatusCode);

        var events = new List<CloudEvent>();
        foreach (var id in new[] { cancelled, released, retried, "holds" })
        {
            events.AddRange(await pipeline.EventsForAsync(id));
        }

        foreach (var type in new[] { "offboarding.cancelled", "offboarding.released", "offboarding.retried", "hold.opened" })
        {
            Assert.Contains(events, e => e.Type == $"com.northwind.{type}");
        }

        foreach (var cloudEvent in events)
        {
            var name = new Uri(cloudEvent.DataSchema!).Segments[^1];
            using var data = JsonDocument.Parse(cloudEvent.Data!);
            var problems = Published.Schemas[name].Problems(data.RootElement);
            Assert.True(problems.Count == 0, $"{cloudEvent.Type} against {name}: {string.Join("; ", problems)}\n{data.RootElement}");
            if (cloudEvent.Type.EndsWith(".cancelled", StringComparison.Ordinal) || cloudEvent.Type.EndsWith(".retried", StringComparison.Ordinal) || cloudEvent.Type.EndsWith(".released", StringComparison.Ordinal))
            {
                Assert.Equal("Test Operator", data.RootElement.GetProperty("actor").GetString());
            }
        }
    }

}
