using System.Text.Json;
using Azure.Data.Tables;
using Offboarding.Functions.Domain;
using Zoho.Crm.Sandbox.Api;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 15, the blast-radius hold: more than N acceptances within the window trip it; that offboarding and every later
/// one wait in <c>held</c> for an operator, who approves (queued) or rejects (cancelled) them; clearing re-arms it.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class HoldTests : SandboxResetTest, IAsyncLifetime
{
    private const int Threshold = 3;

    public HoldTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await ResetAsync(Fixture);
    }

    /// <summary>The hold is shared state in storage: a test about it starts with it closed and no acceptances counted.</summary>
    internal static async Task ResetAsync(PipelineFixture fixture)
    {
        var table = new TableClient(fixture.Azurite.ConnectionString, global::Offboarding.Functions.Storage.StorageNames.OffboardingTable);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "hold", select: ["PartitionKey", "RowKey"]))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All);
        }
    }

    private static PipelineHarness Pipeline(PipelineFixture fixture) =>
        new(fixture, new Dictionary<string, string?> { ["Hold:Threshold"] = Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Hold:Window"] = "01:00:00" });

    private static string NewEvent() => $"evt-{Guid.NewGuid():N}";

    private static async Task<(string Id, string State)> SendAsync(PipelineHarness pipeline, string email, string extra = "")
    {
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), email, extra)));
        Assert.Equal(202, response.StatusCode);
        using var view = JsonDocument.Parse(response.Body!);
        return (view.RootElement.GetProperty("id").GetString()!, view.RootElement.GetProperty("state").GetString()!);
    }

    private static async Task<JsonElement> HoldAsync(PipelineHarness pipeline)
    {
        var response = await pipeline.OperatorAsync("GetHold", "GET", "holds");
        Assert.Equal(200, response.StatusCode);
        return JsonDocument.Parse(response.Body!).RootElement;
    }

    private static string Deferred => $$""","effectiveAt":"{{DateTimeOffset.UtcNow.AddDays(2):O}}" """.TrimEnd();

    [Fact]
    public async Task The_hold_trips_at_threshold_plus_one_and_approve_then_reject_clear_it()
    {
        await using var pipeline = Pipeline(Fixture);
        var accepted = new List<string>();
        for (var i = 0; i < Threshold; i++)
        {
            var (id, state) = await SendAsync(pipeline, $"person{i}@northwind.example", Deferred);
            Assert.Equal("accepted", state);
            accepted.Add(id);
        }

        var (tripping, trippingState) = await SendAsync(pipeline, Users.LeaverEmail);
        var (later, laterState) = await SendAsync(pipeline, Users.LeaverSubordinateEmail);
        var (dryRun, dryRunState) = await SendAsync(pipeline, Users.LeaverWithoutManagerEmail, ""","dryRun":true""");

        Assert.Equal("held", trippingState);
        Assert.Equal("held", laterState);
        Assert.Equal("accepted", dryRunState);
        Assert.Contains((await pipeline.GetAsync(dryRun)).Audit, a => a.Detail?.Contains("would have been held", StringComparison.Ordinal) == true);
        var held = await pipeline.GetAsync(tripping);
        Assert.Contains("blast-radius hold", held.HoldReason, StringComparison.Ordinal);
        Assert.Contains(held.Audit, a => a.Step == "hold" && a.Outcome == "held");
        Assert.Null(held.DueKey);

        // Nothing held reached the queue: the transfer step never sees them.
        await pipeline.DrainRequestsAsync();
        Assert.Equal(OffboardingState.Held, (await pipeline.GetAsync(tripping)).State);
        Assert.Equal(OffboardingState.Held, (await pipeline.GetAsync(later)).State);

        var opened = Assert.Single(await pipeline.EventsForAsync("holds"), e => e.Type == "com.northwind.hold.opened");
        using (var data = JsonDocument.Parse(opened.Data!.ToString()))
        {
            Assert.Equal(Threshold + 1, data.RootElement.GetProperty("count").GetInt32());
            Assert.Equal(Threshold, data.RootElement.GetProperty("threshold").GetInt32());
        }

        var hold = await HoldAsync(pipeline);
        Assert.True(hold.GetProperty("open").GetBoolean());
        Assert.Equal([later, tripping], hold.GetProperty("held").EnumerateArray().Select(h => h.GetProperty("id").GetString()));

        // Approve one: it is queued and goes to Zoho; the hold stays open while another is held.
        var approved = await pipeline.OperatorAsync("ApproveHold", "POST", "holds/approve", $$"""{"ids":["{{tripping}}"]}""");
        Assert.Equal(200, approved.StatusCode);
        using (var answer = JsonDocument.Parse(approved.Body!))
        {
            Assert.Equal([tripping], answer.RootElement.GetProperty("released").EnumerateArray().Select(e => e.GetString()));
            Assert.True(answer.RootElement.GetProperty("hold").GetProperty("open").GetBoolean());
        }

        await pipeline.DrainRequestsAsync();
        var released = await pipeline.GetAsync(tripping);
        Assert.Equal(OffboardingState.Submitted, released.State);
        Assert.Contains(released.Audit, a => a.Step == "hold" && a.Outcome == "released" && a.Detail!.Contains("Test Operator", StringComparison.Ordinal));
        Assert.Contains(await pipeline.EventsForAsync(tripping), e => e.Type == "com.northwind.offboarding.released");

        // Reject the rest: cancelled, never sent; with nothing held the hold closes and counts afresh.
        var rejected = await pipeline.OperatorAsync("RejectHold", "POST", "holds/reject", """{"reason":"HRIS sync bug"}""");
        Assert.Equal(200, rejected.StatusCode);
        Assert.False(JsonDocument.Parse(rejected.Body!).RootElement.GetProperty("hold").GetProperty("open").GetBoolean());
        var cancelled = await pipeline.GetAsync(later);
        Assert.Equal(OffboardingState.Cancelled, cancelled.State);
        Assert.Contains("HRIS sync bug", cancelled.Cancellation!.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, Users.LeaverSubordinateId));

        var (afterwards, afterwardsState) = await SendAsync(pipeline, "someone.else@northwind.example", Deferred);
        Assert.Equal("accepted", afterwardsState);
        Assert.NotEqual(afterwards, later);
    }

    [Fact]
    public async Task Approving_all_releases_every_held_offboarding_with_its_effective_time_and_closes_the_hold()
    {
        await using var pipeline = Pipeline(Fixture);
        for (var i = 0; i < Threshold; i++)
        {
            await SendAsync(pipeline, $"person{i}@northwind.example", Deferred);
        }

        var heldIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (id, state) = await SendAsync(pipeline, $"held{i}@northwind.example", Deferred);
            Assert.Equal("held", state);
            heldIds.Add(id);
        }

        var approved = await pipeline.OperatorAsync("ApproveHold", "POST", "holds/approve", null);

        Assert.Equal(200, approved.StatusCode);
        using var answer = JsonDocument.Parse(approved.Body!);
        Assert.True(heldIds.Order().SequenceEqual(answer.RootElement.GetProperty("released").EnumerateArray().Select(e => e.GetString()!).Order()), approved.Body);
        Assert.False(answer.RootElement.GetProperty("hold").GetProperty("open").GetBoolean());
        Assert.Empty(answer.RootElement.GetProperty("hold").GetProperty("held").EnumerateArray());
        foreach (var id in heldIds)
        {
            var record = await pipeline.GetAsync(id);
            Assert.Equal(OffboardingState.Accepted, record.State);
            Assert.True(record.EffectiveAt > DateTimeOffset.UtcNow.AddDays(1));
        }

        // Their messages wait out the effective time: none is visible yet.
        Assert.DoesNotContain((await pipeline.Storage.Requests.PeekMessagesAsync(32)).Value, m => heldIds.Any(id => m.MessageText.Contains(id, StringComparison.Ordinal)));

        // A second approve finds nothing held, and says why for an id it is given.
        var again = await pipeline.OperatorAsync("ApproveHold", "POST", "holds/approve", $$"""{"ids":["{{heldIds[0]}}"]}""");
        Assert.Contains("not held", again.Body, StringComparison.Ordinal);
        Assert.Equal(400, (await pipeline.OperatorAsync("ApproveHold", "POST", "holds/approve", """{"ids":["nope"]}""")).StatusCode);
        Assert.Equal(400, (await pipeline.OperatorAsync("RejectHold", "POST", "holds/reject", "{}")).StatusCode);
    }
}
