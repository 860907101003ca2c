using System.Text.Json;
using Azure.Messaging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 29, replay: an offboarding's events, or every event of a time range, are published again as the very same
/// CloudEvents (ids, times, data), so subscribers drop what they already handled; each replay is in the audit trail.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class EventReplayTests : SandboxResetTest, IAsyncLifetime
{
    private const string Reason = """{"reason":"the subscriber was down"}""";

    public EventReplayTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    // A range replay pages over the offboardings changed in the range: those earlier tests left (a 100-person layoff,
    // a batch) would fill its pages, and their leftover work would publish events inside it.
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await ClearSharedWorkAsync();
        await ClearTableAsync(global::Offboarding.Functions.Storage.StorageNames.OffboardingTable);
    }

    [Fact]
    public async Task A_range_replay_sends_again_exactly_the_events_whose_time_is_in_the_range_as_they_were()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await DrainEventsAsync(pipeline);
        var before = await FinishAsync(pipeline, Users.ManagerEmail, ""","dryRun":true""");
        var failed = await FinishAsync(pipeline, Users.BreakGlassEmail);
        var planned = await FinishAsync(pipeline, Users.LeaverEmail, ""","dryRun":true""");
        var after = await FinishAsync(pipeline, Users.ManagerEmail, ""","dryRun":true""");
        var originals = await DrainEventsAsync(pipeline);
        var inRange = originals.Where(e => e.Event.Subject == failed || e.Event.Subject == planned).ToList();
        var from = inRange.Min(e => e.Event.Time!.Value);
        var to = inRange.Max(e => e.Event.Time!.Value).AddTicks(1);
        Assert.Equal(2, inRange.Count);
        Assert.All(originals.Where(e => e.Event.Subject == before || e.Event.Subject == after), e => Assert.False(e.Event.Time >= from && e.Event.Time < to));

        var answer = await ReplayRangeAsync(pipeline, from, to);

        Assert.Equal(200, answer.StatusCode);
        using (var body = JsonDocument.Parse(answer.Body!))
        {
            Assert.Equal(inRange.Select(e => e.Event.Id).Order(StringComparer.Ordinal), body.RootElement.GetProperty("replayed").EnumerateArray().Select(i => i.GetString()!).Order(StringComparer.Ordinal));
            Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("continuationToken").ValueKind);
        }

        var replayed = await DrainEventsAsync(pipeline);
        Assert.Equal(inRange.Select(e => e.Json).Order(StringComparer.Ordinal), replayed.Select(e => e.Json).Order(StringComparer.Ordinal));
        var audit = (await pipeline.GetAsync(failed)).Audit;
        Assert.Contains(audit, a => a.Step == "events" && a.Outcome == "replayed" && a.Detail == $"{failed}.failed sent again by Test Operator: the subscriber was down");
        Assert.DoesNotContain((await pipeline.GetAsync(before)).Audit, a => a.Step == "events");

        // Of one type only.
        Assert.Equal(200, (await ReplayRangeAsync(pipeline, from, to, "com.northwind.offboarding.failed")).StatusCode);
        Assert.Equal([$"{failed}.failed"], (await DrainEventsAsync(pipeline)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task A_range_replay_pages_through_the_offboardings_with_a_continuation_token()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await DrainEventsAsync(pipeline);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await FinishAsync(pipeline, Users.BreakGlassEmail));
        }

        var originals = await DrainEventsAsync(pipeline);
        var (from, to) = (originals.Min(e => e.Event.Time!.Value), originals.Max(e => e.Event.Time!.Value).AddTicks(1));
        var sent = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = new Dictionary<string, string> { ["from"] = from.ToString("O"), ["to"] = to.ToString("O"), ["pageSize"] = "2" };
            if (token is not null)
            {
                query["continuationToken"] = token;
            }

            var answer = await pipeline.OperatorAsync("ReplayEvents", "POST", "events/replay", Reason, query: query);
            Assert.Equal(200, answer.StatusCode);
            using var body = JsonDocument.Parse(answer.Body!);
            sent.AddRange(body.RootElement.GetProperty("replayed").EnumerateArray().Select(i => i.GetString()!));
            token = body.RootElement.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(ids.Select(id => $"{id}.failed").Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
        Assert.Equal(sent.Order(StringComparer.Ordinal), (await DrainEventsAsync(pipeline)).Select(e => e.Event.Id).Order(StringComparer.Ordinal));
        // Pages hold offboardings, not events: those written near the range (other tests') fill pages that send nothing.
        Assert.InRange(pages, 2, 9);
    }

    [Fact]
    public async Task One_offboardings_replay_sends_its_events_with_their_ids_and_is_in_its_audit_trail()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await DrainEventsAsync(pipeline);
        var id = await FinishAsync(pipeline, Users.BreakGlassEmail);
        var original = Assert.Single(await DrainEventsAsync(pipeline));

        var answer = await pipeline.OperatorAsync("ReplayOffboardingEvents", "POST", $"offboardings/{id}/events/replay", """{"reason":"lost by the CRM sync"}""", route: new Dictionary<string, string> { ["id"] = id });

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal(original.Json, Assert.Single(await DrainEventsAsync(pipeline)).Json);
        Assert.Contains((await pipeline.GetAsync(id)).Audit, a => a.Step == "events" && a.Detail == $"{id}.failed sent again by Test Operator: lost by the CRM sync");
    }

    [Theory]
    [InlineData("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", Reason, "to")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-01T00:00:00Z", Reason, "to")]
    [InlineData("to=2026-12-01T00:00:00Z", Reason, "from")]
    [InlineData("from=yesterday&to=2026-12-01T00:00:00Z", Reason, "from")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&type=com.northwind.offboarding.exploded", Reason, "type")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&type=com.northwind.hold.opened", Reason, "type")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&continuationToken=garbage", Reason, "continuationToken")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&pageSize=0", Reason, "pageSize")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z", """{}""", "/reason")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z", """{"reason":"  "}""", "/reason")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z", """{"reason":"x","replayAll":true}""", null)]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z", """not json""", null)]
    public async Task Bad_range_replays_get_a_problem_and_send_nothing(string queryString, string body, string? field)
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await DrainEventsAsync(pipeline);
        var query = queryString.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        var answer = await pipeline.OperatorAsync("ReplayEvents", "POST", "events/replay", body, query: query);

        Assert.Equal(400, answer.StatusCode);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        if (field is not null)
        {
            using var problem = JsonDocument.Parse(answer.Body!);
            Assert.Contains(problem.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("pointer").GetString() == field);
        }

        Assert.Empty(await DrainEventsAsync(pipeline));
    }

    [Fact]
    public async Task Replaying_an_unknown_offboarding_or_without_a_reason_gets_a_problem_and_sends_nothing()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await FinishAsync(pipeline, Users.BreakGlassEmail);
        await DrainEventsAsync(pipeline);
        var unknown = new string('0', 32);

        Assert.Equal(404, (await pipeline.OperatorAsync("ReplayOffboardingEvents", "POST", $"offboardings/{unknown}/events/replay", Reason, route: new Dictionary<string, string> { ["id"] = unknown })).StatusCode);
        Assert.Equal(400, (await pipeline.OperatorAsync("ReplayOffboardingEvents", "POST", $"offboardings/{id}/events/replay", """{"reason":""}""", route: new Dictionary<string, string> { ["id"] = id })).StatusCode);
        var anonymous = PipelineHarness.Request("POST", $"offboardings/{id}/events/replay", System.Text.Encoding.UTF8.GetBytes(Reason), new Dictionary<string, string> { ["Content-Type"] = "application/json" }, new Dictionary<string, string> { ["id"] = id });
        Assert.Equal(401, (await pipeline.Http("ReplayOffboardingEvents").RunAsync(anonymous, CancellationToken.None)).StatusCode);
        Assert.Empty(await DrainEventsAsync(pipeline));
        Assert.DoesNotContain((await pipeline.GetAsync(id)).Audit, a => a.Step == "events");
    }

    private static Task<HttpAnswer> ReplayRangeAsync(PipelineHarness pipeline, DateTimeOffset from, DateTimeOffset to, string? type = null)
    {
        var query = new Dictionary<string, string> { ["from"] = from.ToString("O"), ["to"] = to.ToString("O") };
        if (type is not null)
        {
            query["type"] = type;
        }

        return pipeline.OperatorAsync("ReplayEvents", "POST", "events/replay", Reason, query: query);
    }

    private static async Task<string> FinishAsync(PipelineHarness pipeline, string email, string extra = "")
    {
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", email, extra)));
        Assert.Equal(202, response.StatusCode);
        var id = JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;
        await pipeline.DrainRequestsAsync();
        await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
        return id;
    }

    /// <summary>Everything on the events queue now, as sent (the text) and parsed; the queue is left empty.</summary>
    private static async Task<List<(string Json, CloudEvent Event)>> DrainEventsAsync(PipelineHarness pipeline)
    {
        var drained = new List<(string, CloudEvent)>();
        while ((await pipeline.Storage.Events.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                drained.Add((message.MessageText, CloudEvent.Parse(BinaryData.FromString(message.MessageText))!));
                await pipeline.Storage.Events.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return drained;
    }
}
