using System.Text.Json;
using Offboarding.Functions.Domain;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Issue 15, finding offboardings: by state, employee and time, newest first, paged by continuation token; counts per state.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class OperatorListingTests : SandboxResetTest
{
    public OperatorListingTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    private static async Task<JsonElement> ListAsync(PipelineHarness pipeline, Dictionary<string, string> query)
    {
        var response = await pipeline.OperatorAsync("ListOffboardings", "GET", "offboardings", query: query);
        Assert.Equal(200, response.StatusCode);
        return JsonDocument.Parse(response.Body!).RootElement;
    }

    private static async Task<Dictionary<string, int>> CountsAsync(PipelineHarness pipeline)
    {
        var response = await pipeline.OperatorAsync("CountOffboardings", "GET", "offboardings/counts");
        Assert.Equal(200, response.StatusCode);
        using var doc = JsonDocument.Parse(response.Body!);
        var counts = doc.RootElement.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(counts.Values.Sum(), doc.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(Enum.GetValues<OffboardingState>().Select(s => s.ToWireName()).Order(), counts.Keys.Order());
        return counts;
    }

    [Fact]
    public async Task Pages_follow_continuation_tokens_newest_first_and_filter_by_employee_state_and_time()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var before = await CountsAsync(pipeline);
        var hrisId = $"H-{Guid.NewGuid():N}";
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var json = $$$"""{"source":"hris-test","sourceEventId":"evt-{{{Guid.NewGuid():N}}}","effectiveAt":"{{{DateTimeOffset.UtcNow.AddDays(1):O}}}","employee":{"workEmail":"Pager.{{{i}}}@Northwind.example","hrisId":"{{{hrisId}}}"}}""";
            var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(json));
            ids.Add(JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!);
        }

        Assert.Equal(200, (await pipeline.OperatorAsync("CancelOffboarding", "POST", $"offboardings/{ids[1]}/cancel", """{"reason":"listing test"}""", route: new Dictionary<string, string> { ["id"] = ids[1] })).StatusCode);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = new Dictionary<string, string> { ["hrisId"] = hrisId.ToLowerInvariant(), ["pageSize"] = "2" };
            if (token is not null)
            {
                query["continuationToken"] = token;
            }

            var page = await ListAsync(pipeline, query);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 2);
            seen.AddRange(items.Select(i => i.GetProperty("id").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);

        var byEmail = await ListAsync(pipeline, new Dictionary<string, string> { ["email"] = "pager.3@northwind.EXAMPLE" });
        Assert.Equal([ids[3]], byEmail.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        var cancelled = await ListAsync(pipeline, new Dictionary<string, string> { ["hrisId"] = hrisId, ["state"] = "cancelled" });
        Assert.Equal([ids[1]], cancelled.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        var window = await ListAsync(pipeline, new Dictionary<string, string> { ["hrisId"] = hrisId, ["from"] = start.ToString("O"), ["to"] = start.AddHours(1).ToString("O") });
        Assert.Equal(5, window.GetProperty("items").GetArrayLength());
        var past = await ListAsync(pipeline, new Dictionary<string, string> { ["hrisId"] = hrisId, ["to"] = start.ToString("O") });
        Assert.Empty(past.GetProperty("items").EnumerateArray());

        var after = await CountsAsync(pipeline);
        Assert.Equal(before["accepted"] + 4, after["accepted"]);
        Assert.Equal(before["cancelled"] + 1, after["cancelled"]);
        Assert.Equal(before.Values.Sum() + 5, after.Values.Sum());
    }

    [Fact]
    public async Task The_summary_shows_who_leaves_and_when()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var hrisId = $"H-{Guid.NewGuid():N}";
        var json = $$$"""{"source":"hris-test","sourceEventId":"evt-{{{Guid.NewGuid():N}}}","employee":{"workEmail":"{{{Users.LeaverEmail}}}","hrisId":"{{{hrisId}}}","name":"Liam Carter"}}""";
        await pipeline.PostAsync(PipelineHarness.SignedRequest(json));

        var item = Assert.Single((await ListAsync(pipeline, new Dictionary<string, string> { ["hrisId"] = hrisId })).GetProperty("items").EnumerateArray());

        Assert.Equal("Liam Carter", item.GetProperty("employee").GetProperty("name").GetString());
        Assert.Equal("accepted", item.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, item.GetProperty("effectiveAt").ValueKind);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("continuationToken=garbage", "continuationToken")]
    [InlineData("state=exploded", "state")]
    [InlineData("pageSize=-1&from=soon&continuationToken=%%", "pageSize,from,continuationToken")]
    public async Task A_bad_listing_query_gets_one_problem_naming_every_bad_parameter(string queryString, string fields)
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var query = queryString.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        var answer = await pipeline.OperatorAsync("ListOffboardings", "GET", "offboardings", query: query);

        Assert.Equal(400, answer.StatusCode);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(answer.Body!);
        Assert.Equal(fields.Split(',').Order(StringComparer.Ordinal), problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("pointer").GetString()).Order(StringComparer.Ordinal));
    }
}
