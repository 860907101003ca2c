using System.Net;
using TestSupport;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>The sandbox started as its own process: it prints its URL and the same control client drives it.</summary>
public sealed class StandaloneProcessTests
{
    [Fact]
    public async Task Separate_process_serves_the_default_org_and_answers_the_control_client()
    {
        await using var sandbox = await SandboxProcess.StartAsync(["--job-duration", "0", "--job-id", "snake"]);
        using var zoho = new ZohoHttp(sandbox.BaseUri);

        var token = await zoho.AccessTokenAsync();
        var users = await zoho.GetAsync("crm/v7/users?type=ActiveUsers", token);
        var transfer = await zoho.PostAsync("crm/v7/users/actions/transfer_and_delete", token,
            TransferAndDeleteFlowTests.TransferBody(DefaultOrg.Users.LeaverId, DefaultOrg.Users.ManagerId));

        Assert.Equal(HttpStatusCode.OK, users.Status);
        Assert.True(transfer.Details!.ContainsKey("job_id"));
        Assert.Equal(1, await sandbox.Control.CountAsync("transfer_and_delete", status: 200, userId: DefaultOrg.Users.LeaverId));
        Assert.Equal("deleted", (await sandbox.Control.GetStateAsync()).User(DefaultOrg.Users.LeaverId).Status);

        await sandbox.Control.ResetAsync();
        Assert.Empty(await sandbox.Control.GetCallLogAsync());
    }
}
