using System.Text.Json;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Transfer;
using Zoho.Crm.Sandbox.Api;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 15, retry: a failed offboarding is sent again as a new attempt with its own events; a permanent refusal needs
/// <c>force</c> (and usually a fix, such as a new target); an attempt that may have reached Zoho is verified first.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class RetryTests : SandboxResetTest
{
    public RetryTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    private static string NewEvent() => $"evt-{Guid.NewGuid():N}";

    private static string IdOf(HttpAnswer response) => JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;

    private static Task<HttpAnswer> RetryAsync(PipelineHarness pipeline, string id, string? json = """{"reason":"Zoho is back"}""") =>
        pipeline.OperatorAsync("RetryOffboarding", "POST", $"offboardings/{id}/retry", json, route: new Dictionary<string, string> { ["id"] = id });

    [Fact]
    public async Task A_poisoned_offboarding_is_retried_as_a_new_attempt_and_completes_with_events_of_its_own()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Zoho:MaxRetries"] = "0" });
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { FaultEndpoints = [ZohoRoutes.TransferAndDelete], TooManyRequestsRate = 1.0 });
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        await pipeline.DrainRequestsAsync();
        var failed = await pipeline.GetAsync(id);
        Assert.Equal(RefusalCodes.RetriesExhausted, failed.FailureCode);
        Assert.Contains((await pipeline.Storage.RequestsPoison.PeekMessagesAsync(32)).Value, m => m.MessageText.Contains(id, StringComparison.Ordinal));
        Assert.Contains(await pipeline.EventsForAsync(id), e => e.Id == $"{id}.failed");

        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { TooManyRequestsRate = 0 });
        var retried = await RetryAsync(pipeline, id);

        Assert.Equal(202, retried.StatusCode);
        using (var view = JsonDocument.Parse(retried.Body!))
        {
            Assert.Equal("accepted", view.RootElement.GetProperty("state").GetString());
            Assert.Equal(2, view.RootElement.GetProperty("attempt").GetInt32());
            Assert.Equal(JsonValueKind.Null, view.RootElement.GetProperty("failure").ValueKind);
        }

        await pipeline.DrainRequestsAsync();
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
        Assert.Equal(OffboardingState.Completed, done.State);
        Assert.Contains(done.Audit, a => a.Step == "retry" && a.Detail!.Contains("attempt 2, by Test Operator: Zoho is back", StringComparison.Ordinal));
        Assert.Contains($"{id}.failed", done.PriorEvents);
        var events = (await pipeline.EventsForAsync(id)).Select(e => e.Id).ToList();
        Assert.Contains($"{id}.retried.2", events);
        Assert.Contains($"{id}.completed.2", events);
        Assert.Equal(events.Count, events.Distinct().Count());
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, status: 200));

        // Only a failed offboarding can be retried.
        Assert.Equal(409, (await RetryAsync(pipeline, id)).StatusCode);
    }

    [Fact]
    public async Task A_permanent_refusal_is_retried_only_with_force_and_a_fixed_target()
    {
        await using var pipeline = new PipelineHarness(Fixture);

        // Nina Ortiz is not a CRM user: Zoho refuses her as a target for good.
        var json = PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail, $$$""","transfer":{"to":{"zohoUserId":"{{{Users.NonCrmId}}}"}}""");
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(json)));
        await pipeline.DrainRequestsAsync();
        var failed = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Failed, failed.State);
        await pipeline.EventsForAsync(id);

        var refused = await RetryAsync(pipeline, id);
        Assert.Equal(409, refused.StatusCode);
        Assert.Contains("force", JsonDocument.Parse(refused.Body!).RootElement.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(400, (await RetryAsync(pipeline, id, """{"force":true,"transferTo":{"email":"not an email"}}""")).StatusCode);
        Assert.Equal(400, (await RetryAsync(pipeline, id, """{"force":true,"transferTo":{}}""")).StatusCode);
        Assert.Equal(OffboardingState.Failed, (await pipeline.GetAsync(id)).State);

        var forced = await RetryAsync(pipeline, id, $$$"""{"force":true,"reason":"target fixed","transferTo":{"email":"{{{Users.ManagerEmail}}}"}}""");
        Assert.Equal(202, forced.StatusCode);
        await pipeline.DrainRequestsAsync();
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal());

        Assert.Equal(OffboardingState.Completed, done.State);
        Assert.Equal(Users.ManagerId, done.TargetZohoId);
        Assert.Contains(done.Audit, a => a.Outcome == "target_changed");
    }

    [Fact]
    public async Task A_retry_of_an_attempt_that_may_have_reached_zoho_verifies_the_leaver_before_sending_again()
    {
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { FaultEndpoints = [ZohoRoutes.TransferAndDelete], InternalErrorRate = 1.0 });
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>
        {
            ["Zoho:MaxRetries"] = "0",
            ["Transfer:UnconfirmedWindow"] = "00:00:00.200",
            ["Transfer:MaxUnconfirmedAttempts"] = "1",
        });
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        await pipeline.DrainRequestsAsync();
        var failed = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
        Assert.Equal(OffboardingState.Failed, failed.State);
        Assert.True(failed.MayHaveReachedZoho);
        var callsBefore = await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete);

        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { InternalErrorRate = 0 });
        var retried = await RetryAsync(pipeline, id);

        Assert.Equal(202, retried.StatusCode);
        Assert.Equal("verifying", JsonDocument.Parse(retried.Body!).RootElement.GetProperty("state").GetString());
        Assert.Equal(callsBefore, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));

        // The leaver is still active after the window: no job ran, so the transfer is sent again, once.
        var requeued = await pipeline.PollUntilAsync(id, r => r.State == OffboardingState.Accepted);
        Assert.Contains(requeued.Audit, a => a.Outcome == "not_scheduled");
        var done = requeued;
        for (var round = 0; round < 10 && !done.State.IsTerminal(); round++)
        {
            // The poll's sweep queues it again; the transfer step sends it.
            await pipeline.DrainRequestsAsync();
            done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() || (r.State == OffboardingState.Accepted && r.SweepCount > round));
        }

        Assert.True(done.State == OffboardingState.Completed, string.Join(Environment.NewLine, done.Audit));
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, status: 200));
    }
}
