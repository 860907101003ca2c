using System.Net;
using TestSupport;
using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>The happy path of offboarding one user, and what the call log records about it.</summary>
public sealed class TransferAndDeleteFlowTests(SandboxFixture sandbox) : SandboxTest(sandbox), IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Transfer_schedules_a_job_that_completes_and_is_logged_once_for_the_user()
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.PostAsync("crm/v7/users/actions/transfer_and_delete", token, TransferBody(DefaultOrg.Users.LeaverId, DefaultOrg.Users.ManagerId));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("SUCCESS", answer.Code);
        var jobId = answer.Details!["jobId"]!.GetValue<string>();

        await Control.CompleteJobsAsync(jobId);
        var status = await Zoho.GetAsync($"crm/v7/users/actions/transfer_and_delete?job_id={jobId}", token);
        Assert.Equal("completed", status.Body!["transfer_and_delete"]![0]!["status"]!.GetValue<string>());

        Assert.Equal(1, await Control.CountAsync(ZohoRoutes.TransferAndDelete, userId: DefaultOrg.Users.LeaverId));
        Assert.Equal(1, await Control.CountAsync(ZohoRoutes.Token, status: 200));
        var state = await Control.GetStateAsync();
        Assert.Equal(UserStatus.Deleted, state.User(DefaultOrg.Users.LeaverId).Status);
    }

    internal static string TransferBody(string userId, string targetId, string? moveTo = null) =>
        $$$"""{"transfer_and_delete":[{"id":"{{{userId}}}","transfer":{"id":"{{{targetId}}}","records":true,"assignment":true,"criteria":true},"move_subordinate":{"id":"{{{moveTo ?? targetId}}}"}}]}""";
}
