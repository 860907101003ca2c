using System.Text;
using TestSupport;
using Xunit.Abstractions;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Fixtures;
using Zoho.Crm.Tests.Support;
using Portal = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Portal;
using Roles = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Roles;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

/// <summary>
/// Every row of the seed pages' error lists, produced by the sandbox through the client, lands with the documented
/// code, HTTP status and the expected classification; permanent errors cost exactly one call.
/// Rows the client would refuse to send use its unvalidated internal send paths to reach Zoho's own checks.
/// </summary>
public sealed class ErrorCatalogTests(SandboxFixture sandbox, ITestOutputHelper output) : SandboxTest(sandbox)
{
    private const string Unknown = "5725767000099999999";

    private sealed record Observed(string Code, int? HttpStatus, ZohoErrorClassification Classification);

    [Fact]
    public void Every_catalog_row_has_a_trigger() =>
        Assert.Empty(SeedErrorCatalog.All.Select(r => r.Key).Except(Triggers.Keys));

    [Theory]
    [MemberData(nameof(SeedErrorCatalog.Rows), MemberType = typeof(SeedErrorCatalog))]
    public async Task Each_documented_error_is_classified_as_expected(SeedError row)
    {
        var observed = await Triggers[row.Key](this);

        Assert.Equal((row.Code, row.HttpStatus, row.Expected), (observed.Code, observed.HttpStatus, observed.Classification));
        var log = await Control.GetCallLogAsync();
        var calls = log.Count(e => e.Code == row.Code && e.Status == row.HttpStatus);
        output.WriteLine($"{row.Key}: {calls} call(s) answered {row.Code}; {log.Count} logged in all");

        // Retries are off for transient rows (to see the error at all); permanent ones are never retried.
        // INVALID_TOKEN is the one error answered twice: the refresh-and-retry, then the give-up.
        Assert.Equal(row.Code == "INVALID_TOKEN" ? 2 : 1, calls);
    }

    private static readonly Dictionary<string, Func<ErrorCatalogTests, Task<Observed>>> Triggers = new()
    {
        ["transfer.user-id-missing"] = t => t.RawTransfer(null, $$"""{"transfer_and_delete":[{"transfer":{{TransferJson(Users.ManagerId)}}}]}"""),
        ["transfer.neither-transfer-nor-move"] = t => t.RawTransfer(null, $$"""{"transfer_and_delete":[{"id":"{{Users.LeaverId}}"}]}"""),
        ["transfer.wrong-user-id"] = t => t.Transfer(new() { UserId = Unknown, TransferToUserId = Users.ManagerId }),
        ["transfer.not-crm-user"] = t => t.Transfer(new() { UserId = Users.NonCrmId, TransferToUserId = Users.ManagerId }),
        ["transfer.user-already-deleted"] = t => t.Transfer(new() { UserId = Users.DeletedId, TransferToUserId = Users.ManagerId }),
        ["transfer.target-already-deleted"] = t => t.Transfer(new() { UserId = Users.LeaverId, TransferToUserId = Users.DeletedId, UrlForm = false }),
        ["transfer.invalid-target"] = t => t.Transfer(new() { UserId = Users.LeaverId, TransferToUserId = Unknown }),
        ["transfer.subordinate-target-inactive"] = t => t.Transfer(new() { UserId = Users.LeaverId, TransferToUserId = Users.ManagerId, SubordinatesTargetUserId = Users.InactiveId }),
        ["transfer.url-id-and-many-objects"] = t => t.RawTransfer(Users.LeaverId,
            $$"""{"transfer_and_delete":[{"transfer":{{TransferJson(Users.ManagerId)}}},{"transfer":{{TransferJson(Users.ManagerId)}}}]}"""),
        ["transfer.more-than-one-user"] = t => t.RawTransfer(null,
            $$"""{"transfer_and_delete":[{"id":"{{Users.LeaverId}}","transfer":{{TransferJson(Users.ManagerId)}}},{"id":"{{Users.InactiveId}}","transfer":{{TransferJson(Users.ManagerId)}}}]}"""),
        ["transfer.subordinate-target-is-subordinate"] = t => t.Transfer(new() { UserId = Users.LeaverId, SubordinatesTargetUserId = Users.LeaverSubordinateId }),
        ["transfer.super-admin"] = t => t.Transfer(new() { UserId = Users.SuperAdminId, TransferToUserId = Users.ManagerId }),
        ["transfer.caller-not-super-admin"] = t => t.Transfer(new() { UserId = Users.LeaverId, TransferToUserId = Users.ManagerId }, DefaultOrg.StandardUserRefreshToken),
        ["transfer.concurrent-job-limit"] = t => t.ConcurrentJobLimit(),
        ["status.job-id-missing"] = t => t.Raw(HttpMethod.Get, ["users", "actions", "transfer_and_delete"], Query(), ZohoOperation.GetTransferAndDeleteStatus),
        ["role.scope-mismatch"] = t => t.DeleteRole(Roles.SalesInternsEmea, Roles.SalesRepEmea, DefaultOrg.ReadOnlyRefreshToken),
        ["role.no-permission"] = t => t.DeleteRole(Roles.SalesInternsEmea, Roles.SalesRepEmea, DefaultOrg.StandardUserRefreshToken),
        ["role.internal-error"] = t => t.WithFault("roles.delete", FaultKind.InternalError, () => t.DeleteRole(Roles.SalesInternsEmea, Roles.SalesRepEmea)),
        ["role.invalid-method"] = t => t.Raw(HttpMethod.Put, ["settings", "roles", Roles.SalesInternsEmea], Query(("transfer_to_id", Roles.SalesRepEmea)), ZohoOperation.DeleteRole),
        ["role.authorization-failed"] = t => t.DeleteRole(Roles.VpSupport, Roles.Ceo, DefaultOrg.SalesManagerRefreshToken),
        ["role.invalid-role-id"] = t => t.DeleteRole(Unknown, Roles.Ceo),
        ["role.transfer-to-missing"] = t => t.RawDeleteRole(Roles.SalesInternsEmea, Query()),
        ["role.transfer-to-bad-format"] = t => t.RawDeleteRole(Roles.SalesInternsEmea, Query(("transfer_to_id", "not-a-number"))),
        ["portal.invalid-personality"] = t => t.PortalOutcome(Portal.CustomersTypeId, Portal.PartnersTypeId, [Portal.PartnerPersonalityIds[0]]),
        ["portal.target-not-custom"] = t => t.PortalOutcome(Portal.PartnersTypeId, Portal.CustomersTypeId, [Portal.PartnerPersonalityIds[0]]),
        ["portal.param-missing"] = t => t.Capture(c => c.SendPortalTransferAsync(Portal.Name, Portal.CustomersTypeId,
            Query(("personality_ids", Portal.CustomerPersonalityIds[0])), [Portal.CustomerPersonalityIds[0]], default)),
        ["portal.license-limit"] = t => t.Capture(c => c.TransferPortalUsersAsync(Portal.Name, Portal.CustomersTypeId, Portal.ResellersTypeId,
            Portal.CustomerPersonalityIds.Take(2).ToList())),
        ["portal.no-permission"] = t => t.Capture(c => c.TransferPortalUsersAsync(Portal.Name, Portal.CustomersTypeId, Portal.PartnersTypeId,
            [Portal.CustomerPersonalityIds[0]]), DefaultOrg.StandardUserRefreshToken),
        ["common.too-many-requests"] = t => t.WithFault("users.get", FaultKind.TooManyRequests, () => t.Capture(c => c.GetUserAsync(Users.LeaverId))),
        ["common.invalid-token"] = t => t.RejectedToken(),
    };

    private static string TransferJson(string target) => $$"""{"id":"{{target}}","records":true,"assignment":true,"criteria":true}""";

    private ZohoCrmClient Client(string refreshToken = DefaultOrg.RefreshToken, HttpClient? http = null) =>
        SandboxClients.Create(Sandbox, o => o.MaxRetries = 0, refreshToken, http);

    private async Task<Observed> Capture(Func<ZohoCrmClient, Task> call, string refreshToken = DefaultOrg.RefreshToken, HttpClient? http = null)
    {
        using var client = Client(refreshToken, http);
        var error = await Assert.ThrowsAnyAsync<ZohoCrmException>(() => call(client));
        Assert.False(error.IsClientValidation);
        return new Observed(error.Code, error.HttpStatus, error.Classification);
    }

    private Task<Observed> Transfer(TransferAndDeleteRequest request, string refreshToken = DefaultOrg.RefreshToken) =>
        Capture(c => c.TransferAndDeleteUserAsync(request), refreshToken);

    private Task<Observed> RawTransfer(string? urlUserId, string json) =>
        Capture(c => c.SendTransferAndDeleteAsync(urlUserId, Encoding.UTF8.GetBytes(json), null, default));

    private Task<Observed> DeleteRole(string roleId, string target, string refreshToken = DefaultOrg.RefreshToken) =>
        Capture(c => c.DeleteRoleAsync(roleId, target), refreshToken);

    private static KeyValuePair<string, string>[] Query(params (string Name, string Value)[] parameters) =>
        parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)).ToArray();

    private Task<Observed> RawDeleteRole(string roleId, KeyValuePair<string, string>[] query) => Capture(c => c.SendDeleteRoleAsync(roleId, query, default));

    private Task<Observed> Raw(HttpMethod method, string[] path, KeyValuePair<string, string>[] query, ZohoOperation operation) =>
        Capture(c => c.SendRawAsync(new ZohoApiRequest { Operation = operation, Method = method, Path = path, Query = query }, default));

    private async Task<Observed> WithFault(string endpoint, FaultKind fault, Func<Task<Observed>> call)
    {
        await Control.UpdateSettingsAsync(s => s with { FaultEndpoints = [endpoint], ScriptedFaults = [fault] });
        return await call();
    }

    private async Task<Observed> ConcurrentJobLimit()
    {
        await Control.UpdateSettingsAsync(s => s with { ConcurrentJobLimit = 1, JobDurationSeconds = 600 });
        using var client = Client();
        await client.TransferAndDeleteUserAsync(new() { UserId = Users.LeaverWithoutManagerId, TransferToUserId = Users.ManagerId });
        return await Transfer(new() { UserId = Users.LeaverId, TransferToUserId = Users.ManagerId });
    }

    private async Task<Observed> PortalOutcome(string from, string to, IReadOnlyList<string> ids)
    {
        using var client = Client();
        var result = await client.TransferPortalUsersAsync(Portal.Name, from, to, ids);
        var outcome = Assert.Single(result.Users);
        Assert.False(outcome.Succeeded);
        var status = Assert.Single(await Control.GetCallLogAsync(), e => e.Endpoint == "portal.user_type.transfer").Status;
        return new Observed(outcome.Code, status, outcome.Classification!.Value);
    }

    private async Task<Observed> RejectedToken()
    {
        using var handler = new AuthorizationHandler { ReplaceTokenWith = "1000.neverissued0000000000.0000000000000000" };
        using var http = new HttpClient(handler);
        using var client = SandboxClients.Create(Sandbox, http: http);
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId));
        Assert.Equal(2, client.TokenRequestCount);
        Assert.Equal(2, error.Attempts);
        return new Observed(error.Code, error.HttpStatus, error.Classification);
    }
}
