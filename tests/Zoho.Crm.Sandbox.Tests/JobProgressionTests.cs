using System.Net;
using TestSupport;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Fixtures;
using static Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>transfer_and_delete jobs over (sandbox) time, the org changes when they end, and the job-id spellings.</summary>
public sealed class JobProgressionTests(SandboxFixture sandbox) : SandboxTest(sandbox), IClassFixture<SandboxFixture>
{
    private const string Transfer = "crm/v7/users/actions/transfer_and_delete";

    [Fact]
    public async Task Job_goes_scheduled_then_in_progress_then_completed_as_the_clock_moves()
    {
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 100 });
        var token = await Zoho.AccessTokenAsync();
        var jobId = await ScheduleAsync(token, LeaverId, ManagerId);

        Assert.Equal("scheduled", await StatusAsync(token, jobId));
        await Control.AdvanceClockAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("in_progress", await StatusAsync(token, jobId));
        Assert.Equal("active", (await Control.GetStateAsync()).User(LeaverId).Status);

        await Control.AdvanceClockAsync(TimeSpan.FromSeconds(71));
        Assert.Equal("completed", await StatusAsync(token, jobId));
    }

    [Fact]
    public async Task Job_completes_in_real_time_after_its_duration()
    {
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 0.2 });
        var token = await Zoho.AccessTokenAsync();
        var jobId = await ScheduleAsync(token, LeaverId, ManagerId);

        // Poll like a client would; the deadline only bounds a broken sandbox, it asserts no speed.
        var status = await Eventually.ReturnsAsync(() => StatusAsync(token, jobId), s => s == "completed", $"job {jobId} completed", describe: s => Task.FromResult(s));

        Assert.Equal("completed", status);
    }

    [Fact]
    public async Task Completed_job_deletes_the_user_moves_records_and_subordinates()
    {
        var before = await Control.GetStateAsync();
        var leaverRecords = before.User(LeaverId).Records;
        var managerRecords = before.User(ManagerId).Records;
        var token = await Zoho.AccessTokenAsync();
        var jobId = await ScheduleAsync(token, LeaverId, ManagerId, moveTo: FallbackOwnerId);

        await Control.CompleteJobsAsync(jobId);

        var after = await Control.GetStateAsync();
        Assert.Equal(UserStatus.Deleted, after.User(LeaverId).Status);
        Assert.Empty(after.User(LeaverId).Records);
        foreach (var (module, count) in leaverRecords)
        {
            Assert.Equal(managerRecords.GetValueOrDefault(module) + count, after.User(ManagerId).Records[module]);
        }

        Assert.Equal(FallbackOwnerId, after.User(LeaverSubordinateId).ReportingTo);
        var user = await Zoho.GetAsync($"crm/v7/users/{LeaverId}", token);
        Assert.Equal("deleted", user.Body!["users"]![0]!["status"]!.GetValue<string>());

        // Once deleted, a second request is refused as Zoho documents (the "already done" signal).
        var again = await Zoho.PostAsync(Transfer, token, TransferAndDeleteFlowTests.TransferBody(LeaverId, ManagerId));
        Assert.Equal(("INVALID_DATA", "deleted"), (again.Code, again.Details!["owner_status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Without_move_subordinate_the_subordinates_go_to_the_leavers_manager()
    {
        var token = await Zoho.AccessTokenAsync();
        var body = $$$"""{"transfer_and_delete":[{"id":"{{{LeaverId}}}","transfer":{"id":"{{{FallbackOwnerId}}}","records":false,"assignment":true,"criteria":true}}]}""";
        var answer = await Zoho.PostAsync(Transfer, token, body);
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        await Control.CompleteJobsAsync();

        var state = await Control.GetStateAsync();
        Assert.Equal(ManagerId, state.User(LeaverSubordinateId).ReportingTo);
        Assert.NotEmpty(state.User(LeaverId).Records);
    }

    [Fact]
    public async Task Failed_job_reports_failed_with_a_reason_and_leaves_the_user()
    {
        await Control.UpdateSettingsAsync(s => s with { FailJobsForUserIds = [LeaverId] });
        var token = await Zoho.AccessTokenAsync();
        var jobId = await ScheduleAsync(token, LeaverId, ManagerId);
        await Control.CompleteJobsAsync();

        var status = await Zoho.GetAsync($"{Transfer}?job_id={jobId}", token);
        var entry = status.Body!["transfer_and_delete"]![0]!;
        Assert.Equal("failed", entry["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(entry["reason"]?.GetValue<string>()));
        Assert.Equal("active", (await Control.GetStateAsync()).User(LeaverId).Status);
    }

    [Fact]
    public async Task Control_can_fail_a_running_job()
    {
        await Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 600 });
        var token = await Zoho.AccessTokenAsync();
        var jobId = await ScheduleAsync(token, LeaverWithoutManagerId, ManagerId);
        await Control.FailJobsAsync(jobId);

        Assert.Equal("failed", await StatusAsync(token, jobId));
    }

    [Fact]
    public async Task Unknown_job_answers_204_without_a_body()
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.GetAsync($"{Transfer}?job_id=5725767000012999999", token);

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Null(answer.Body);
    }

    [Fact]
    public async Task Concurrent_job_limit_refuses_the_job_beyond_it_until_one_ends()
    {
        await Control.UpdateSettingsAsync(s => s with { ConcurrentJobLimit = 2, JobDurationSeconds = 600 });
        var token = await Zoho.AccessTokenAsync();
        var first = await ScheduleAsync(token, LeaverId, ManagerId);
        await ScheduleAsync(token, LeaverWithoutManagerId, ManagerId);

        var third = await Zoho.PostAsync(Transfer, token, TransferAndDeleteFlowTests.TransferBody(StandardUserId, ManagerId));
        Assert.Equal((HttpStatusCode.BadRequest, "CONCURRENT_JOB_LIMIT_EXCEEDED"), (third.Status, third.Code));
        Assert.Equal("2", third.Details!["limit"]!.GetValue<string>());

        await Control.CompleteJobsAsync(first);
        var retried = await Zoho.PostAsync(Transfer, token, TransferAndDeleteFlowTests.TransferBody(StandardUserId, ManagerId));
        Assert.Equal("SUCCESS", retried.Code);
    }

    [Theory]
    [InlineData(JobIdSpelling.CamelCase, "v7", "jobId")]
    [InlineData(JobIdSpelling.SnakeCase, "v7", "job_id")]
    [InlineData(JobIdSpelling.ByApiVersion, "v8", "job_id")]
    [InlineData(JobIdSpelling.ByApiVersion, "v6", "jobId")]
    public async Task Job_id_key_follows_the_configured_spelling(JobIdSpelling spelling, string version, string key)
    {
        await Control.UpdateSettingsAsync(s => s with { JobIdSpelling = spelling });
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.PostAsync($"crm/{version}/users/actions/transfer_and_delete", token, TransferAndDeleteFlowTests.TransferBody(LeaverId, ManagerId));

        Assert.True(answer.Details!.ContainsKey(key), answer.Body!.ToJsonString());
        Assert.Single(answer.Details, p => p.Key is "jobId" or "job_id");
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v2.1")]
    [InlineData("v5")]
    [InlineData("v8")]
    public async Task Url_form_works_on_every_version(string version)
    {
        var token = await Zoho.AccessTokenAsync();
        var body = $$$"""{"transfer_and_delete":[{"transfer":{"id":"{{{ManagerId}}}","records":true,"assignment":true,"criteria":true},"move_subordinate":{"id":"{{{ManagerId}}}"}}]}""";
        var answer = await Zoho.PostAsync($"crm/{version}/users/{LeaverId}/actions/transfer_and_delete", token, body);

        Assert.Equal((HttpStatusCode.OK, "SUCCESS"), (answer.Status, answer.Code));
        Assert.Equal(LeaverId, answer.Details!["id"]!.GetValue<string>());
        Assert.Equal(1, await Control.CountAsync("transfer_and_delete", status: 200, userId: LeaverId));
    }

    private async Task<string> ScheduleAsync(string token, string userId, string targetId, string? moveTo = null)
    {
        var answer = await Zoho.PostAsync(Transfer, token, TransferAndDeleteFlowTests.TransferBody(userId, targetId, moveTo));
        Assert.Equal("SUCCESS", answer.Code);
        return answer.Details!["jobId"]!.GetValue<string>();
    }

    private async Task<string> StatusAsync(string token, string jobId)
    {
        var answer = await Zoho.GetAsync($"{Transfer}?job_id={jobId}", token);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Body!["transfer_and_delete"]![0]!["status"]!.GetValue<string>();
    }
}
