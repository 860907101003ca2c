using TestSupport;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

public sealed class TransferAndDeleteTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    private const string Endpoint = "transfer_and_delete";

    private static TransferAndDeleteRequest LeaverToManager(bool urlForm = true) => new()
    {
        UserId = Users.LeaverId,
        TransferToUserId = Users.ManagerId,
        SubordinatesTargetUserId = Users.ManagerId,
        UrlForm = urlForm,
    };

    [Theory]
    [InlineData(true, JobIdSpelling.CamelCase)]
    [InlineData(true, JobIdSpelling.SnakeCase)]
    [InlineData(false, JobIdSpelling.CamelCase)]
    [InlineData(false, JobIdSpelling.SnakeCase)]
    public async Task Schedules_one_job_in_both_url_forms_reading_both_job_id_spellings(bool urlForm, JobIdSpelling spelling)
    {
        await Control.UpdateSettingsAsync(s => s with { JobIdSpelling = spelling });
        using var client = SandboxClients.Create(Sandbox);

        var job = await client.TransferAndDeleteUserAsync(LeaverToManager(urlForm) with { TransferCriteria = false });

        var scheduled = Assert.Single((await Control.GetStateAsync()).Jobs);
        Assert.Equal(scheduled.JobId, job.JobId);
        Assert.Equal(Users.LeaverId, job.UserId);
        Assert.False(job.EarlierAttemptAmbiguous);
        Assert.Equal((Users.LeaverId, Users.ManagerId, Users.ManagerId), (scheduled.UserId, scheduled.TransferToId, scheduled.MoveSubordinatesToId));
        Assert.Equal((true, true, false), (scheduled.TransferRecords, scheduled.TransferAssignment, scheduled.TransferCriteria));

        var call = Assert.Single(await Control.GetCallLogAsync(), c => c.Endpoint == Endpoint);
        Assert.Equal(urlForm ? $"/crm/v8/users/{Users.LeaverId}/actions/transfer_and_delete" : "/crm/v8/users/actions/transfer_and_delete", call.Path);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v5")]
    [InlineData("v7")]
    [InlineData("v8")]
    public async Task The_api_version_is_configuration_and_v8_answers_job_id(string version)
    {
        await Control.UpdateSettingsAsync(s => s with { JobIdSpelling = JobIdSpelling.ByApiVersion });
        using var client = SandboxClients.Create(Sandbox, o => o.ApiVersion = version);

        var job = await client.TransferAndDeleteUserAsync(LeaverToManager());

        Assert.Equal(Assert.Single((await Control.GetStateAsync()).Jobs).JobId, job.JobId);
        Assert.StartsWith($"/crm/{version}/users/", Assert.Single(await Control.GetCallLogAsync(), c => c.Endpoint == Endpoint).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_subordinates_can_be_moved_without_a_transfer()
    {
        using var client = SandboxClients.Create(Sandbox);
        await client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.LeaverId, SubordinatesTargetUserId = Users.ManagerId });

        var scheduled = Assert.Single((await Control.GetStateAsync()).Jobs);
        Assert.Null(scheduled.TransferToId);
        Assert.Equal(Users.ManagerId, scheduled.MoveSubordinatesToId);
    }

    [Fact]
    public async Task Job_status_moves_from_scheduled_through_in_progress_to_completed_and_the_user_is_deleted()
    {
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 100 });
        using var client = SandboxClients.Create(Sandbox);
        var job = await client.TransferAndDeleteUserAsync(LeaverToManager());

        var scheduled = await client.GetTransferAndDeleteStatusAsync(job.JobId);
        await Control.AdvanceClockAsync(TimeSpan.FromSeconds(50));
        var running = await client.GetTransferAndDeleteStatusAsync(job.JobId);
        await Control.AdvanceClockAsync(TimeSpan.FromSeconds(60));
        var done = await client.GetTransferAndDeleteStatusAsync(job.JobId);

        Assert.Equal((TransferJobState.Scheduled, "scheduled"), (scheduled.State, scheduled.RawStatus));
        Assert.Equal((TransferJobState.InProgress, "in_progress"), (running.State, running.RawStatus));
        Assert.Equal((TransferJobState.Completed, "completed"), (done.State, done.RawStatus));
        Assert.True(done.IsFinished);
        Assert.Equal(ZohoUserStatus.Deleted, (await client.GetUserAsync(Users.LeaverId))!.Status);
        Assert.Equal(3, await CallsAsync("transfer_and_delete.status", 200));
    }

    [Fact]
    public async Task A_failed_job_reports_failed_with_its_reason()
    {
        await Control.UpdateSettingsAsync(s => s with { FailJobsForUserIds = [Users.LeaverId], JobDurationSeconds = 0 });
        using var client = SandboxClients.Create(Sandbox);
        var job = await client.TransferAndDeleteUserAsync(LeaverToManager());

        var status = await client.GetTransferAndDeleteStatusAsync(job.JobId);

        Assert.Equal(TransferJobState.Failed, status.State);
        Assert.False(string.IsNullOrEmpty(status.Reason));
        Assert.Equal(ZohoUserStatus.Active, (await client.GetUserAsync(Users.LeaverId))!.Status);
    }

    [Fact]
    public async Task An_unknown_job_is_a_clear_not_found()
    {
        using var client = SandboxClients.Create(Sandbox);
        var error = await Assert.ThrowsAsync<ZohoJobNotFoundException>(() => client.GetTransferAndDeleteStatusAsync("5725767000099999999"));
        Assert.Equal(ZohoErrorCodes.ClientJobNotFound, error.Code);
        Assert.Equal("5725767000099999999", error.JobId);
        Assert.Equal(ZohoErrorClassification.Permanent, error.Classification);
        Assert.Equal(1, await CallsAsync("transfer_and_delete.status", 204));
    }

    [Fact]
    public async Task Deleting_a_user_that_is_already_deleted_is_already_done_and_sent_once()
    {
        using var client = SandboxClients.Create(Sandbox);
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() =>
            client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.DeletedId, TransferToUserId = Users.ManagerId }));

        Assert.Equal(ZohoErrorClassification.AlreadyDone, error.Classification);
        Assert.Equal("deleted", error.GetDetail("owner_status"));
        Assert.False(error.EarlierAttemptAmbiguous);
        Assert.Equal(1, await CallsAsync(Endpoint));
    }

    [Fact]
    public async Task A_second_offboarding_after_the_job_completed_is_already_done()
    {
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 0 });
        using var client = SandboxClients.Create(Sandbox);
        await client.TransferAndDeleteUserAsync(LeaverToManager(urlForm: false));

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.TransferAndDeleteUserAsync(LeaverToManager(urlForm: false)));

        Assert.Equal(ZohoErrorClassification.AlreadyDone, error.Classification);
        Assert.Single((await Control.GetStateAsync()).Jobs);
    }

    [Fact]
    public async Task A_connection_dropped_before_zoho_acted_is_checked_then_resubmitted_once()
    {
        await Control.UpdateSettingsAsync(s => s with { FaultEndpoints = [Endpoint], ScriptedFaults = [FaultKind.DropConnection] });
        using var client = SandboxClients.Create(Sandbox);

        var job = await client.TransferAndDeleteUserAsync(LeaverToManager());

        Assert.True(job.EarlierAttemptAmbiguous);
        Assert.Equal(job.JobId, Assert.Single((await Control.GetStateAsync()).Jobs).JobId);
        Assert.Equal(2, await CallsAsync(Endpoint));
        Assert.Equal(1, await CallsAsync(Endpoint, 200));
        Assert.Equal(1, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task An_answer_lost_after_zoho_acted_is_reconciled_as_already_done_without_a_second_submission()
    {
        // The job runs at once, so by the time the client checks, Zoho reports the user deleted.
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 0, FaultEndpoints = [Endpoint], ScriptedFaults = [FaultKind.DropResponse] });
        using var client = SandboxClients.Create(Sandbox);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.TransferAndDeleteUserAsync(LeaverToManager()));

        Assert.Equal(ZohoErrorClassification.AlreadyDone, error.Classification);
        Assert.Equal(ZohoErrorCodes.ClientUserAlreadyDeleted, error.Code);
        Assert.True(error.EarlierAttemptAmbiguous);
        Assert.Equal(1, await CallsAsync(Endpoint));
        Assert.Single((await Control.GetStateAsync()).Jobs);
    }

    [Fact]
    public async Task An_answer_lost_while_the_job_is_still_pending_is_resubmitted_and_flagged()
    {
        // The window the client cannot close: Zoho has no job listing, and the user is still active.
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 600, FaultEndpoints = [Endpoint], ScriptedFaults = [FaultKind.DropResponse] });
        using var client = SandboxClients.Create(Sandbox);

        var job = await client.TransferAndDeleteUserAsync(LeaverToManager());

        Assert.True(job.EarlierAttemptAmbiguous);
        Assert.Equal(2, (await Control.GetStateAsync()).Jobs.Count);
        Assert.Equal(1, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task With_resubmission_off_an_unknown_outcome_is_left_for_the_caller_to_check_later()
    {
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 600, FaultEndpoints = [Endpoint], ScriptedFaults = [FaultKind.DropResponse] });
        using var client = SandboxClients.Create(Sandbox, o => o.ResubmitTransferAfterUnknownOutcome = false);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.TransferAndDeleteUserAsync(LeaverToManager()));

        Assert.Equal((ZohoErrorCodes.ClientOutcomeUnknown, ZohoErrorClassification.Transient), (error.Code, error.Classification));
        Assert.True(error.EarlierAttemptAmbiguous);
        Assert.Equal(1, await CallsAsync(Endpoint));
        Assert.Single((await Control.GetStateAsync()).Jobs);

        // Later, once the job the lost attempt scheduled has run, the same request is recognised as done.
        await Control.CompleteJobsAsync();
        var again = await Assert.ThrowsAsync<ZohoCrmException>(() => client.TransferAndDeleteUserAsync(LeaverToManager()));
        Assert.Equal(ZohoErrorClassification.AlreadyDone, again.Classification);
        Assert.Single((await Control.GetStateAsync()).Jobs);
    }

    [Theory]
    [InlineData(FaultKind.InternalError)]
    [InlineData(FaultKind.DropConnection)]
    [InlineData(FaultKind.DropResponse)]
    public async Task Every_resend_after_a_500_or_a_dropped_connection_comes_after_a_read_of_the_user(FaultKind fault)
    {
        // The job stays pending, so every check finds the leaver still active and the client (resubmission on) sends again.
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 600, FaultEndpoints = [Endpoint], ScriptedFaults = [fault, fault] });
        using var client = SandboxClients.Create(Sandbox, o => o.MaxRetries = 4);

        var job = await client.TransferAndDeleteUserAsync(LeaverToManager());

        var calls = (await Control.GetCallLogAsync()).OrderBy(c => c.Sequence)
            .Where(c => c.Endpoint is Endpoint or "users.get").Select(c => c.Endpoint).ToList();
        Assert.Equal([Endpoint, "users.get", Endpoint, "users.get", Endpoint], calls);
        Assert.True(job.EarlierAttemptAmbiguous);
    }

    [Theory]
    [InlineData(FaultKind.InternalError)]
    [InlineData(FaultKind.DropConnection)]
    [InlineData(FaultKind.DropResponse)]
    public async Task With_resubmission_off_a_500_or_a_dropped_connection_ends_the_call_at_once_unread_and_never_sent_again(FaultKind fault)
    {
        // The pipeline's setting: after an unknown outcome the client neither waits to retry nor reads the user (the job
        // would not have run yet); the caller checks later.
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 600, FaultEndpoints = [Endpoint], ScriptedFaults = [fault, fault, fault] });
        using var client = SandboxClients.Create(Sandbox, o => { o.MaxRetries = 4; o.ResubmitTransferAfterUnknownOutcome = false; });

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.TransferAndDeleteUserAsync(LeaverToManager()));

        Assert.Equal((ZohoErrorCodes.ClientOutcomeUnknown, true, 1), (error.Code, error.EarlierAttemptAmbiguous, error.Attempts));
        Assert.Equal(1, await CallsAsync(Endpoint));
        Assert.Equal(0, await CallsAsync("users.get"));
    }

    [Fact]
    public async Task With_resubmission_off_a_clear_refusal_is_still_retried_as_usual()
    {
        // A 429 says Zoho did not act: resubmission off changes nothing for it, the retry sends the transfer again.
        await Control.UpdateSettingsAsync(s => s with { FaultEndpoints = [Endpoint], ScriptedFaults = [FaultKind.TooManyRequests] });
        using var client = SandboxClients.Create(Sandbox, o => { o.MaxRetries = 2; o.ResubmitTransferAfterUnknownOutcome = false; });

        var job = await client.TransferAndDeleteUserAsync(LeaverToManager());

        Assert.False(job.EarlierAttemptAmbiguous);
        Assert.Equal(2, await CallsAsync(Endpoint));
        Assert.Single((await Control.GetStateAsync()).Jobs);
    }
}
