using System.Diagnostics;
using System.Text.Json;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Tests.EndToEnd;
using Xunit.Abstractions;
using Zoho.Crm.Sandbox.Api;

namespace Offboarding.Functions.Tests.Batches;

/// <summary>Issue 25's planning figure: a 10,000-row batch against an org of 11,036 users is planned with one listing
/// (⌈users / 200⌉ calls) and one call for the token's own user, whatever the number of rows. Prints the time it took.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class BatchPlanningScaleTests(PipelineFixture fixture, ITestOutputHelper output) : SandboxResetTest(fixture), IAsyncLifetime
{
    private const int Leavers = 9_900;
    private const int LeavingManagers = 100;

    async Task IAsyncLifetime.InitializeAsync() => await InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync() => await Fixture.Sandbox.Control.ResetAsync();

    [Fact]
    public async Task Ten_thousand_rows_are_planned_with_one_read_of_the_org()
    {
        var org = LeaverOrg.Generate(Leavers);
        await Fixture.Sandbox.Control.LoadOrgAsync(org.Fixture);
        await Fixture.Sandbox.Control.ClearCallLogAsync();
        var layoff = LayoffList.Of(org, LeavingManagers);
        await using var pipeline = new PipelineHarness(Fixture);
        var clock = Stopwatch.StartNew();
        var answer = await new BatchPipeline(pipeline).SubmitCsvAsync(layoff.Csv);
        clock.Stop();

        Assert.Equal(201, answer.StatusCode);
        using var batch = JsonDocument.Parse(answer.Body!);
        var members = batch.RootElement.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(layoff.Rows, members.Count);
        Assert.All(members, m => Assert.Equal("ready", m.GetProperty("plan").GetString()));
        var walkedUp = members.Count(m => m.GetProperty("targetRule").GetString() == "manager_above");
        Assert.Equal(layoff.WalkedUp(org), walkedUp);

        var users = org.Fixture.Users.Count(u => u.CrmUser && !u.IsDeleted);
        var listingCalls = await pipeline.ZohoCallsAsync(ZohoRoutes.UsersList);
        Assert.True(listingCalls <= (int)Math.Ceiling(users / 200.0) + 1, $"{listingCalls} listing calls for {users} users");
        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.UsersGet));
        output.WriteLine($"planning {members.Count} rows against {users} users: {clock.Elapsed.TotalSeconds:0.00} s (upload, validation, plan, estimate, storing), {listingCalls} Zoho calls (bound {(int)Math.Ceiling(users / 200.0) + 1})");
    }
}
