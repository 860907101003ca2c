using System.Text.Json;
using Offboarding.Functions.Domain;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 25 on the one-by-one path: a manager with an offboarding pending (held, accepted and deferred, …) is never a
/// transfer target. The transfer walks up the reporting line to the first manager who is not leaving, else the fallback
/// user, and records the rule and who was passed. Reporting line in the sandbox: Sam → Liam → Maria → Victor → Olivia.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class LeavingManagerTests : SandboxResetTest, IAsyncLifetime
{
    private const string VictorId = "5725767000000020005";
    private const string VictorEmail = "victor.stone@northwind.example";

    public LeavingManagerTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await ClearSharedWorkAsync();
        await HoldTests.ResetAsync(Fixture);
    }

    /// <summary>The hold is shared state: closed again for the tests after these.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await HoldTests.ResetAsync(Fixture);

    private static string Deferred => $$""","effectiveAt":"{{DateTimeOffset.UtcNow.AddDays(2):O}}" """.TrimEnd();

    [Fact]
    public async Task A_report_of_a_held_manager_goes_to_the_managers_manager_and_the_record_says_who_was_passed()
    {
        // Maria's offboarding is held by the blast-radius hold (threshold 1: the second acceptance trips it).
        await using var holding = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Hold:Threshold"] = "1", ["Hold:Window"] = "01:00:00" });
        await SendAsync(holding, "someone.else@northwind.example", Deferred);
        var (_, mariaState) = await SendAsync(holding, Users.ManagerEmail);
        Assert.Equal("held", mariaState);

        await using var pipeline = new PipelineHarness(Fixture);
        var (liam, _) = await SendAsync(pipeline, Users.LeaverEmail);
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(liam);
        Assert.Equal(OffboardingState.Submitted, record.State);
        Assert.Equal((VictorId, TargetRule.ManagerAbove), (record.TargetZohoId, record.TargetRule));
        Assert.Contains(Users.ManagerId, record.TargetReason, StringComparison.Ordinal);
        Assert.Contains("held", record.TargetReason, StringComparison.Ordinal);

        // What Zoho was asked: records and subordinates to Victor, not to Maria, who is about to be deleted.
        var job = Assert.Single((await Fixture.Sandbox.Control.GetStateAsync()).Jobs, j => j.UserId == Users.LeaverId);
        Assert.Equal((VictorId, VictorId), (job.TransferToId, job.MoveSubordinatesToId));

        // The status API and the events name the rule as a batch's plan does.
        var view = await pipeline.OperatorAsync("GetOffboarding", "GET", $"offboardings/{liam}", route: new Dictionary<string, string> { ["id"] = liam });
        using var body = JsonDocument.Parse(view.Body!);
        Assert.Equal("manager_above", body.RootElement.GetProperty("target").GetProperty("rule").GetString());
        var submitted = Assert.Single(await pipeline.EventsForAsync(liam), e => e.Type.EndsWith(".submitted", StringComparison.Ordinal));
        using var data = JsonDocument.Parse(submitted.Data!.ToString());
        Assert.Equal("manager_above", data.RootElement.GetProperty("targetRule").GetString());

        // Nothing held nor announced is left for the hold's own tests, which approve everything held and expect one announcement.
        Assert.Equal(200, (await holding.OperatorAsync("RejectHold", "POST", "holds/reject", """{"reason":"the test is over"}""")).StatusCode);
        await holding.EventsForAsync("holds");
        Fixture.Events.RemoveAll(e => e.Subject == "holds");
    }

    [Fact]
    public async Task When_everyone_up_the_line_is_leaving_the_records_go_to_the_fallback_user()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        foreach (var manager in new[] { Users.LeaverEmail, Users.ManagerEmail, VictorEmail, Users.SuperAdminEmail })
        {
            Assert.Equal("accepted", (await SendAsync(pipeline, manager, Deferred)).State);
        }

        var (sam, _) = await SendAsync(pipeline, Users.LeaverSubordinateEmail);
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(sam);
        Assert.Equal(OffboardingState.Submitted, record.State);
        Assert.Equal((Users.FallbackOwnerId, TargetRule.Fallback), (record.TargetZohoId, record.TargetRule));
        Assert.All(new[] { Users.LeaverId, Users.ManagerId, VictorId, Users.SuperAdminId }, id => Assert.Contains(id, record.TargetReason, StringComparison.Ordinal));
        var job = Assert.Single((await Fixture.Sandbox.Control.GetStateAsync()).Jobs, j => j.UserId == Users.LeaverSubordinateId);
        Assert.Equal(Users.FallbackOwnerId, job.TransferToId);
    }

    [Fact]
    public async Task A_manager_whose_offboarding_ended_without_deleting_them_is_a_target_again()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var (maria, _) = await SendAsync(pipeline, Users.ManagerEmail, Deferred);
        var cancelled = await pipeline.OperatorAsync("CancelOffboarding", "POST", $"offboardings/{maria}/cancel", """{"reason":"HR reversed it"}""",
            route: new Dictionary<string, string> { ["id"] = maria });
        Assert.Equal(200, cancelled.StatusCode);

        var (liam, _) = await SendAsync(pipeline, Users.LeaverEmail);
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(liam);
        Assert.Equal((Users.ManagerId, TargetRule.Manager), (record.TargetZohoId, record.TargetRule));
    }

    private static async Task<(string Id, string State)> SendAsync(PipelineHarness pipeline, string email, string extra = "")
    {
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", email, extra)));
        Assert.Equal(202, response.StatusCode);
        using var view = JsonDocument.Parse(response.Body!);
        return (view.RootElement.GetProperty("id").GetString()!, view.RootElement.GetProperty("state").GetString()!);
    }
}
