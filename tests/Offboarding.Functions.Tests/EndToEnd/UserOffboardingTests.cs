using System.Text.Json;
using Azure.Storage.Queues.Models;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Transfer;
using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Fixtures;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

[Collection(PipelineTestGroup.Name)]
public sealed class UserOffboardingTests : SandboxResetTest
{
    public UserOffboardingTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    // The client's default: the harness otherwise reads the listing again on every lookup.
    private static readonly Dictionary<string, string?> CachedUserListing = new() { ["Zoho:UserDirectoryTtl"] = "00:02:00" };

    private static string NewEvent() => $"evt-{Guid.NewGuid():N}";

    private static string IdOf(HttpAnswer response) =>
        JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;

    [Fact]
    public async Task Leaver_with_manager_is_transferred_to_the_manager_and_completion_is_announced()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail)));
        Assert.Equal(202, response.StatusCode);
        var id = IdOf(response);
        Assert.Equal($"/api/offboardings/{id}", response.Headers["Location"]);

        await pipeline.DrainRequestsAsync();
        var submitted = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Submitted, submitted.State);
        Assert.Equal(Users.ManagerId, submitted.TargetZohoId);
        Assert.Equal(TargetRule.Manager, submitted.TargetRule);

        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
        Assert.Equal(OffboardingState.Completed, done.State);
        Assert.Null(done.DueKey);

        var events = await pipeline.EventsForAsync(id);
        Assert.Equal(["com.northwind.offboarding.submitted", "com.northwind.offboarding.completed"], events.Select(e => e.Type));
        Assert.Equal($"{id}.completed", events[1].Id);

        var state = await Fixture.Sandbox.Control.GetStateAsync();
        Assert.Equal(UserStatus.Deleted, state.User(Users.LeaverId).Status);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));

        // The status API tells the whole story.
        var status = await pipeline.OperatorAsync("GetOffboarding", "GET", $"offboardings/{id}", route: new Dictionary<string, string> { ["id"] = id });
        Assert.Equal(200, status.StatusCode);
        using var view = JsonDocument.Parse(status.Body!);
        Assert.Equal("completed", view.RootElement.GetProperty("state").GetString());
        Assert.Equal("manager", view.RootElement.GetProperty("target").GetProperty("rule").GetString());
        Assert.Equal(submitted.ZohoJobId, view.RootElement.GetProperty("zohoJobId").GetString());
        var steps = view.RootElement.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("step").GetString()).ToList();
        Assert.Equal(["accepted", "submitting", "planned", "submitted"], steps.Take(4));
        Assert.Contains("zoho", steps.Skip(4));
    }

    [Fact]
    public async Task Duplicate_webhooks_make_one_offboarding_and_one_zoho_transfer()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await pipeline.Storage.Requests.ClearMessagesAsync(); // other tests' messages would add Zoho calls
        var json = PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail);
        var answers = new List<HttpAnswer>();
        for (var i = 0; i < 10; i++)
        {
            // A sender retrying signs each attempt again (new timestamp, same event).
            answers.Add(await pipeline.PostAsync(PipelineHarness.SignedRequest(json)));
        }

        Assert.Equal(202, answers[0].StatusCode);
        Assert.All(answers.Skip(1), a => Assert.Equal(200, a.StatusCode));
        Assert.Single(answers.Select(IdOf).Distinct());
        var id = IdOf(answers[0]);

        // Each copy's message went out before the copy was known to be one (the message is the intake's first write);
        // the transfer step drops those, so none of them starts a transfer or a wait of its own.
        var messages = (await pipeline.Storage.Requests.PeekMessagesAsync(32)).Value;
        Assert.Equal(10, messages.Count(m => m.MessageText.Contains(id, StringComparison.Ordinal)));

        await pipeline.DrainRequestsAsync();
        Assert.DoesNotContain((await pipeline.Storage.Requests.PeekMessagesAsync(32)).Value, m => m.MessageText.Contains(id, StringComparison.Ordinal));
        await pipeline.PollUntilAsync(id, r => r.State.IsTerminal());
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        Assert.Equal(9, pipeline.Logs.Lines.Count(l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("message of a repeated request dropped", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_redelivered_message_does_not_call_zoho_again()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        var message = (await pipeline.Storage.Requests.PeekMessagesAsync(32)).Value.Single(m => m.MessageText.Contains(id, StringComparison.Ordinal));

        await pipeline.DrainRequestsAsync();
        Assert.Equal(OffboardingState.Submitted, (await pipeline.GetAsync(id)).State);

        // The same message again, as after a lost acknowledgement.
        await pipeline.Transfer.RunAsync(QueuesModelFactory.QueueMessage(message.MessageId, "pop-receipt", message.MessageText, 2), CancellationToken.None);
        await pipeline.Storage.Requests.SendMessageAsync(message.MessageText);
        await pipeline.DrainRequestsAsync();

        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        Assert.Equal(OffboardingState.Submitted, (await pipeline.GetAsync(id)).State);
    }

    [Fact]
    public async Task A_crash_between_the_zoho_call_and_the_state_write_is_reconciled_without_a_second_call()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        var message = (await pipeline.Storage.Requests.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value.Single(m => m.MessageText.Contains(id, StringComparison.Ordinal));

        pipeline.Crash.Armed = true;
        await Assert.ThrowsAsync<SimulatedCrashException>(() =>
            pipeline.Transfer.RunAsync(QueuesModelFactory.QueueMessage(message.MessageId, "pop-receipt", message.MessageText, 1), CancellationToken.None));
        Assert.Equal(OffboardingState.Submitting, (await pipeline.GetAsync(id)).State);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));

        // Time passes before the message reappears: the claim lapses and Zoho finishes the job it accepted.
        pipeline.LetTheSubmittingLeaseLapse();
        await Fixture.Sandbox.Control.CompleteJobsAsync();
        await pipeline.Transfer.RunAsync(QueuesModelFactory.QueueMessage(message.MessageId, "pop-receipt", message.MessageText, 2), CancellationToken.None);

        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Completed, record.State);
        Assert.Contains(record.Audit, a => a.Step == "reconciled");
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        Assert.Contains(await pipeline.EventsForAsync(id), e => e.Type == "com.northwind.offboarding.completed");
    }

    [Fact]
    public async Task A_crash_before_zohos_job_has_run_is_verified_not_resubmitted()
    {
        // The soak's double delete: the job Zoho accepted has not run yet, so the leaver still looks active.
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 3600 });
        await using var pipeline = new PipelineHarness(Fixture);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        var message = (await pipeline.Storage.Requests.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value.Single(m => m.MessageText.Contains(id, StringComparison.Ordinal));
        QueueMessage Delivery(long count) => QueuesModelFactory.QueueMessage(message.MessageId, "pop-receipt", message.MessageText, count);

        pipeline.Crash.Armed = true;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => pipeline.Transfer.RunAsync(Delivery(1), CancellationToken.None));
        pipeline.LetTheSubmittingLeaseLapse();
        await pipeline.Transfer.RunAsync(Delivery(2), CancellationToken.None);

        var verifying = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Verifying, verifying.State);
        Assert.NotNull(verifying.UnconfirmedSince);
        await pipeline.PollUntilAsync(id, r => r.VerifyCount >= 3);
        await pipeline.Transfer.RunAsync(Delivery(3), CancellationToken.None);
        Assert.Equal(OffboardingState.Verifying, (await pipeline.GetAsync(id)).State);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));

        await Fixture.Sandbox.Control.CompleteJobsAsync();
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);

        Assert.Equal(OffboardingState.Completed, done.State);
        Assert.Contains(done.Audit, a => a.Step == "verified" && a.Outcome == "completed");
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        Assert.Single((await Fixture.Sandbox.Control.GetStateAsync()).Jobs, j => j.UserId == Users.LeaverId);
        Assert.Equal(["com.northwind.offboarding.completed"], (await pipeline.EventsForAsync(id)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_lost_zoho_answer_is_verified_not_resubmitted()
    {
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with
        {
            JobDurationSeconds = 3600,
            FaultEndpoints = [ZohoRoutes.TransferAndDelete],
            ScriptedFaults = [FaultKind.DropResponse],
        });
        await using var pipeline = new PipelineHarness(Fixture);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        var message = (await pipeline.Storage.Requests.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value.Single(m => m.MessageText.Contains(id, StringComparison.Ordinal));
        QueueMessage Delivery(long count) => QueuesModelFactory.QueueMessage(message.MessageId, "pop-receipt", message.MessageText, count);

        // The client's retry finds the leaver still active (the job has not run) and stops instead of resending.
        await pipeline.Transfer.RunAsync(Delivery(1), CancellationToken.None);
        Assert.Equal(OffboardingState.Verifying, (await pipeline.GetAsync(id)).State);
        await pipeline.Transfer.RunAsync(Delivery(2), CancellationToken.None);
        await pipeline.PollUntilAsync(id, r => r.VerifyCount >= 3);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));

        await Fixture.Sandbox.Control.CompleteJobsAsync();
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal());

        Assert.Equal(OffboardingState.Completed, done.State);
        Assert.Null(done.ZohoJobId);
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        Assert.Single((await Fixture.Sandbox.Control.GetStateAsync()).Jobs, j => j.UserId == Users.LeaverId);
    }

    [Fact]
    public async Task A_transfer_zoho_never_scheduled_is_sent_again_after_the_verify_window()
    {
        // A 500 may come after Zoho acted, so it is verified too; this one did not act, so the user stays active.
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { FaultEndpoints = [ZohoRoutes.TransferAndDelete], ScriptedFaults = [FaultKind.InternalError] });
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>
        {
            ["Zoho:MaxRetries"] = "0",
            ["Transfer:UnconfirmedWindow"] = "00:00:01",
        });
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        await pipeline.DrainRequestsAsync();
        Assert.Equal(OffboardingState.Verifying, (await pipeline.GetAsync(id)).State);

        var resent = await pipeline.PollUntilAsync(id, r => r.State == OffboardingState.Accepted && r.DueKey is not null && r.SweepCount > 0);
        Assert.Contains(resent.Audit, a => a.Step == "verified" && a.Outcome == "not_scheduled");
        await pipeline.DrainRequestsAsync();
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal());

        Assert.Equal(OffboardingState.Completed, done.State);
        Assert.NotNull(done.ZohoJobId);
        Assert.Equal(2, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, status: 200));
        Assert.Single((await Fixture.Sandbox.Control.GetStateAsync()).Jobs, j => j.UserId == Users.LeaverId);
    }

    [Fact]
    public async Task Transfers_that_keep_ending_unconfirmed_fail_after_the_last_attempt_with_the_reason()
    {
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { FaultEndpoints = [ZohoRoutes.TransferAndDelete], InternalErrorRate = 1.0 });
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>
        {
            ["Zoho:MaxRetries"] = "0",
            ["Transfer:UnconfirmedWindow"] = "00:00:00.200",
            ["Transfer:MaxUnconfirmedAttempts"] = "3",
        });
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));

        var record = await pipeline.GetAsync(id);
        for (var round = 0; round < 10 && !record.State.IsTerminal(); round++)
        {
            await pipeline.DrainRequestsAsync();
            record = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() || (r.State == OffboardingState.Accepted && r.SweepCount > round));
        }

        Assert.Equal(OffboardingState.Failed, record.State);
        Assert.Equal(RefusalCodes.RetriesExhausted, record.FailureCode);
        Assert.Equal(3, record.UnconfirmedAttempts);
        Assert.Equal(3, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        Assert.Empty((await pipeline.Storage.RequestsPoison.PeekMessagesAsync(32)).Value);
        Assert.Contains(await pipeline.EventsForAsync(id), e => e.Type == "com.northwind.offboarding.failed");
    }

    [Fact]
    public async Task A_permanent_zoho_error_fails_the_offboarding_with_one_call_and_a_failed_event()
    {
        await using var pipeline = new PipelineHarness(Fixture);

        // Nina Ortiz is not a CRM user: Zoho refuses her as a target with INVALID_DATA (owner_status not_crm_user).
        var json = PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail, $$$""","transfer":{"to":{"zohoUserId":"{{{Users.NonCrmId}}}"}}""");
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(json)));
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Failed, record.State);
        Assert.NotNull(record.FailureCode);
        var failed = Assert.Single(await pipeline.EventsForAsync(id));
        Assert.Equal("com.northwind.offboarding.failed", failed.Type);
        Assert.True(await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete) <= 1);
    }

    [Fact]
    public async Task Transient_zoho_errors_are_retried_by_the_queue_and_the_offboarding_completes()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Zoho:MaxRetries"] = "0" });
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with
        {
            FaultEndpoints = [ZohoRoutes.TransferAndDelete],
            ScriptedFaults = [FaultKind.TooManyRequests, FaultKind.TooManyRequests],
        });

        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        await pipeline.DrainRequestsAsync();
        var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal());

        Assert.Equal(OffboardingState.Completed, done.State);
        Assert.Equal(2, done.Audit.Count(a => a.Outcome == "transient"));
        Assert.Equal(1, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, status: 200));
    }

    [Fact]
    public async Task Five_failures_poison_the_message_and_mark_the_record_failed()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Zoho:MaxRetries"] = "0" });
        // 429s: Zoho certainly did nothing (a 5xx would be verified instead, as it may follow a scheduled job).
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { FaultEndpoints = [ZohoRoutes.TransferAndDelete], TooManyRequestsRate = 1.0 });

        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Failed, record.State);
        Assert.Equal(RefusalCodes.RetriesExhausted, record.FailureCode);
        Assert.Contains("HTTP 429", record.FailureMessage, StringComparison.Ordinal);
        var poison = (await pipeline.Storage.RequestsPoison.PeekMessagesAsync(32)).Value;
        Assert.Contains(poison, m => m.MessageText.Contains(id, StringComparison.Ordinal));
        Assert.Equal(5, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        Assert.Contains(await pipeline.EventsForAsync(id), e => e.Type == "com.northwind.offboarding.failed");
    }

    [Fact]
    public async Task Protected_users_are_refused_without_any_mutating_call()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var breakGlass = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.BreakGlassEmail))));
        var superAdmin = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.SuperAdminEmail))));
        await pipeline.DrainRequestsAsync();

        foreach (var id in new[] { breakGlass, superAdmin })
        {
            var record = await pipeline.GetAsync(id);
            Assert.Equal(OffboardingState.Failed, record.State);
            Assert.Equal(RefusalCodes.ProtectedUser, record.FailureCode);
        }

        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
        var state = await Fixture.Sandbox.Control.GetStateAsync();
        Assert.Equal(UserStatus.Active, state.User(Users.BreakGlassId).Status);
    }

    [Fact]
    public async Task Managers_come_from_the_cached_user_listing_not_from_a_users_get_per_offboarding()
    {
        await using var pipeline = new PipelineHarness(Fixture, CachedUserListing);
        string[] ids =
        [
            IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail)))),
            IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.StandardUserEmail)))),
        ];
        await pipeline.DrainRequestsAsync();

        foreach (var id in ids)
        {
            var record = await pipeline.GetAsync(id);
            Assert.Equal(OffboardingState.Submitted, record.State);
            Assert.Equal(Users.ManagerId, record.TargetZohoId);
            Assert.Equal(TargetRule.Manager, record.TargetRule);
        }

        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.UsersGet));
        Assert.Equal(2, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
    }

    [Fact]
    public async Task A_leaver_whose_manager_left_earlier_in_the_burst_goes_to_the_managers_successor_despite_the_cached_listing()
    {
        await using var pipeline = new PipelineHarness(Fixture, CachedUserListing);
        var managerId = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.ManagerEmail))));
        await pipeline.DrainRequestsAsync();
        var manager = await pipeline.PollUntilAsync(managerId, r => r.State.IsTerminal());
        Assert.Equal(OffboardingState.Completed, manager.State);

        // Noah reported to Maria: her job moved him to her own target, which the listing read before it cannot know.
        var reportId = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.StandardUserEmail))));
        await pipeline.DrainRequestsAsync();
        var report = await pipeline.PollUntilAsync(reportId, r => r.State.IsTerminal());

        Assert.Equal(OffboardingState.Completed, report.State);
        Assert.NotEqual(Users.ManagerId, report.TargetZohoId);
        Assert.Equal(manager.TargetZohoId, report.TargetZohoId);
        Assert.Equal(TargetRule.Manager, report.TargetRule);
    }

    [Fact]
    public async Task A_leaver_without_manager_goes_to_the_fallback_user_and_the_rule_is_recorded()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverWithoutManagerEmail))));
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal());
        Assert.Equal(OffboardingState.Completed, record.State);
        Assert.Equal(Users.FallbackOwnerId, record.TargetZohoId);
        Assert.Equal(TargetRule.Fallback, record.TargetRule);
        Assert.Contains("no manager", record.TargetReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_manager_or_fallback_the_offboarding_fails_clearly()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Transfer:FallbackUser"] = "" });
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverWithoutManagerEmail))));
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(id);
        Assert.Equal(RefusalCodes.NoTransferTarget, record.FailureCode);
        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));
    }

    [Fact]
    public async Task Dry_run_records_the_plan_and_calls_nothing_that_changes_zoho()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail, ""","dryRun":true"""))));
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Planned, record.State);
        Assert.Equal(Users.ManagerId, record.TargetZohoId);
        Assert.Contains(record.PlannedCalls, c => c.Contains("transfer_and_delete", StringComparison.Ordinal) && c.Contains(Users.LeaverId, StringComparison.Ordinal));
        Assert.Equal("com.northwind.offboarding.dry_run", Assert.Single(await pipeline.EventsForAsync(id)).Type);

        var calls = await Fixture.Sandbox.Control.GetCallLogAsync();
        Assert.All(calls, c => Assert.True(c.Method == "GET" || c.Endpoint == ZohoRoutes.Token, $"{c.Method} {c.Endpoint} is not read-only"));
        Assert.Equal(UserStatus.Active, (await Fixture.Sandbox.Control.GetStateAsync()).User(Users.LeaverId).Status);
    }

    [Fact]
    public async Task A_failed_zoho_job_ends_as_failed_with_an_event()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { FailJobs = true });
        var id = IdOf(await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail))));
        await pipeline.DrainRequestsAsync();

        var record = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
        Assert.Equal(OffboardingState.Failed, record.State);
        Assert.Equal(RefusalCodes.ZohoJobFailed, record.FailureCode);
        Assert.Contains(await pipeline.EventsForAsync(id), e => e.Type == "com.northwind.offboarding.failed");
    }
}
