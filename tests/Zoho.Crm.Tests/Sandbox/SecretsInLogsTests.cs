using TestSupport;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Fixtures;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

public sealed class SecretsInLogsTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    [Fact]
    public async Task No_token_or_secret_appears_in_any_log_line_or_exception()
    {
        var log = new CapturingLogger<ZohoCrmClient>();
        var errors = new List<Exception>();
        using var handler = new AuthorizationHandler();
        using var http = new HttpClient(handler);
        using (var client = SandboxClients.Create(Sandbox, http: http, logger: log))
        {
            // Success, refresh after revocation, injected faults with retries, permanent and already-done errors.
            await client.GetUserAsync(Users.LeaverId);
            await Control.ExpireTokensAsync();
            await client.FindUserByEmailAsync(Users.ManagerEmail);
            await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [FaultKind.InternalError, FaultKind.DropConnection, FaultKind.TooManyRequests] });
            await client.GetUserAsync(Users.ManagerId);
            errors.Add(await Assert.ThrowsAsync<ZohoCrmException>(() =>
                client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.SuperAdminId, TransferToUserId = Users.ManagerId })));
            errors.Add(await Assert.ThrowsAsync<ZohoCrmException>(() =>
                client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = Users.DeletedId, TransferToUserId = Users.ManagerId })));
        }

        // A token Zoho keeps rejecting, and credentials the accounts server refuses.
        handler.ReplaceTokenWith = "1000.rejectedtoken0000000.rejectedtoken0000000";
        using var second = new HttpClient(handler, disposeHandler: false);
        using (var client = SandboxClients.Create(Sandbox, http: second, logger: log))
        {
            errors.Add(await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId)));
        }

        using (var client = SandboxClients.Create(Sandbox, o => o.ClientSecret = "wrong-but-still-secret-value", logger: log))
        {
            errors.Add(await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId)));
        }

        var secrets = handler.TokensSeen.Concat([DefaultOrg.ClientSecret, DefaultOrg.RefreshToken, "wrong-but-still-secret-value"]).ToList();
        Assert.True(handler.TokensSeen.Count >= 3, "the run should have used several access tokens");
        Assert.True(log.Lines.Count > 10, "the run should have logged every call");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(log.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(errors, e => e.ToString().Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_call_is_logged_with_operation_status_code_duration_and_attempt()
    {
        var log = new CapturingLogger<ZohoCrmClient>();
        await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [FaultKind.InternalError] });
        using var client = SandboxClients.Create(Sandbox, logger: log);

        await client.GetUserAsync(Users.LeaverId);

        Assert.Contains(log.Lines, l => l.Contains("Operation=GetUser", StringComparison.Ordinal) && l.Contains("ZohoCode=INTERNAL_ERROR", StringComparison.Ordinal)
            && l.Contains("Attempt=1", StringComparison.Ordinal) && l.Contains("DurationMs=", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("Operation=GetUser", StringComparison.Ordinal) && l.Contains("Status=200", StringComparison.Ordinal)
            && l.Contains("Attempt=2", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("Operation=RefreshAccessToken", StringComparison.Ordinal) && l.Contains("Status=200", StringComparison.Ordinal));
    }
}
