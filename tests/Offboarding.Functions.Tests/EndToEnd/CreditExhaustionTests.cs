using System.Text.Json;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Tests.Contracts;
using TestSupport;
using Zoho.Crm.Sandbox.Api;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 26: the org's API credits run out in the middle of a layoff and come back later. Nobody fails, Zoho is asked at
/// most once a minute while they are out (besides the calls already on their way when they ran out), the wait is visible
/// in the status, the audit trail, <c>GET /api/zoho/usage</c> and the events, and everyone completes once they are back.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class CreditExhaustionTests : CreditLayoffTest
{
    /// <summary>The Zoho client's calls at once (<c>Zoho:MaxConcurrency</c>): at most these were on their way when the credits ran out.</summary>
    private const int ZohoConcurrency = 4;

    public CreditExhaustionTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Credits_running_out_mid_layoff_make_it_wait_visibly_without_a_failure_and_it_completes_when_they_return()
    {
        // About a fifth of the layoff's calls: the credits run out with most of it still to go.
        var (pipeline, layoff) = await StartLayoffAsync(
            s => s with { DailyCredits = 120 },
            new Dictionary<string, string?> { ["Zoho:CreditProbeInterval"] = "00:01:00" });
        await using var stop = pipeline;

        var waiting = await Eventually.ReturnsAsync(
            async () => (await layoff.StepAsync()).FirstOrDefault(r => r.WaitingForCreditsSince is not null),
            record => record is not null,
            "a transfer waits for credits",
            within: TimeSpan.FromMinutes(3));

        // Visible while out: the status and its audit, and the usage route.
        using (var status = JsonDocument.Parse((await pipeline.OperatorAsync("GetOffboarding", "GET", $"offboardings/{waiting!.Id}", route: new Dictionary<string, string> { ["id"] = waiting.Id })).Body!))
        {
            Assert.Equal(JsonValueKind.String, status.RootElement.GetProperty("waitingForCreditsSince").ValueKind);
            Assert.Contains(status.RootElement.GetProperty("audit").EnumerateArray(), a => a.GetProperty("step").GetString() == "credits" && a.GetProperty("outcome").GetString() == "waiting");
        }

        using (var usage = await UsageAsync(pipeline))
        {
            Assert.Equal(JsonValueKind.Object, usage.RootElement.GetProperty("exhausted").ValueKind);
            Assert.True(usage.RootElement.GetProperty("waiting").GetProperty("count").GetInt32() >= 1, usage.RootElement.ToString());
            Assert.Equal(JsonValueKind.String, usage.RootElement.GetProperty("waitingThroughBy").ValueKind);
        }

        // The credits come back (the window frees them, or the org's allowance grows).
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { DailyCredits = 1_000_000 });
        var records = await Eventually.ReturnsAsync(
            layoff.StepAsync,
            LayoffRun.AllEnded,
            "every offboarding ended after the credits came back",
            within: TimeSpan.FromMinutes(6),
            every: TimeSpan.FromMilliseconds(200),
            describe: LayoffRun.Describe);

        Assert.Empty(layoff.EverFailed);
        Assert.All(records, r => Assert.Equal(OffboardingState.Completed, r.State));
        Assert.All(records, r => Assert.True(r.Audit.Count(a => a is { Step: "credits", Outcome: "waiting" }) <= 1, string.Join(" | ", r.Audit.Select(a => $"{a.Step} {a.Outcome}"))));
        Assert.True(records.Count(r => r.Audit.Any(a => a is { Step: "credits", Outcome: "waiting" })) >= Leavers / 2, "most of the layoff waited for credits");
        Assert.Equal(Leavers, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, status: 200));
        Assert.Equal(0, (await pipeline.Storage.RequestsPoison.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // While out: the calls on their way when they ran out, then at most one probe a minute.
        var refused = (await Fixture.Sandbox.Control.GetCallLogAsync()).Where(c => c.Status == 429).OrderBy(c => c.Time).ToList();
        Assert.NotEmpty(refused);
        var perMinute = refused.GroupBy(c => (int)(c.Time - refused[0].Time).TotalMinutes).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(perMinute[0] <= ZohoConcurrency, $"refused in the first minute: {perMinute[0]}");
        Assert.All(perMinute.Where(p => p.Key > 0), p => Assert.True(p.Value <= 1, $"refused in minute {p.Key}: {p.Value}"));

        using (var usage = await UsageAsync(pipeline))
        {
            Assert.Equal(JsonValueKind.Null, usage.RootElement.GetProperty("exhausted").ValueKind);
            Assert.Equal(0, usage.RootElement.GetProperty("waiting").GetProperty("count").GetInt32());
            Assert.True(usage.RootElement.GetProperty("spent").GetInt64() > 0);
        }

        // One episode: one exhausted event, one resumed event, each valid against its schema.
        var events = await pipeline.EventsForAsync("zoho/credits");
        Assert.Equal(["com.northwind.zoho.credits.exhausted", "com.northwind.zoho.credits.resumed"], events.Select(e => e.Type).Order(StringComparer.Ordinal));
        foreach (var cloudEvent in events)
        {
            var name = cloudEvent.DataSchema!.Replace(PublishedDocuments.SchemaBase, string.Empty, StringComparison.Ordinal);
            using var data = JsonDocument.Parse(cloudEvent.Data!);
            var problems = Published.Schemas[name].Problems(data.RootElement);
            Assert.True(problems.Count == 0, $"{cloudEvent.Type} against {name}: {string.Join("; ", problems)}\n{data.RootElement}");
        }
    }
}
