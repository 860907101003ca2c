using System.Net;
using TestSupport;
using static Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>Malformed and hostile requests get a Zoho-shaped 4xx, change nothing, and the sandbox keeps serving.</summary>
public sealed class HostileInputTests(SandboxFixture sandbox) : SandboxTest(sandbox), IClassFixture<SandboxFixture>
{
    private const string Transfer = "crm/v7/users/actions/transfer_and_delete";

    public static TheoryData<string, string> Bodies => new()
    {
        { "", "MANDATORY_NOT_FOUND" },
        { "not json", "INVALID_DATA" },
        { "[]", "MANDATORY_NOT_FOUND" },
        { """{"transfer_and_delete":[]}""", "MANDATORY_NOT_FOUND" },
        { """{"transfer_and_delete":{}}""", "MANDATORY_NOT_FOUND" },
        { """{"transfer_and_delete":["x"]}""", "INVALID_DATA" },
        { $$$"""{"transfer_and_delete":[{"id":"{{{LeaverId}}}","transfer":"x"}]}""", "INVALID_DATA" },
        { $$$"""{"transfer_and_delete":[{"id":"{{{LeaverId}}}","transfer":{"records":true,"assignment":true,"criteria":true}}]}""", "MANDATORY_NOT_FOUND" },
        { $$$"""{"transfer_and_delete":[{"id":"{{{LeaverId}}}","transfer":{"id":"{{{ManagerId}}}","records":"yes","assignment":true,"criteria":true}}]}""", "INVALID_DATA" },
        { $$$"""{"transfer_and_delete":[{"id":"{{{LeaverId}}}","transfer":{"id":"{{{ManagerId}}}","assignment":true,"criteria":true}}]}""", "MANDATORY_NOT_FOUND" },
        { $$$"""{"transfer_and_delete":[{"id":"{{{LeaverId}}}","move_subordinate":{}}]}""", "MANDATORY_NOT_FOUND" },
        { """{"transfer_and_delete":[{"id":"' or 1=1 --","move_subordinate":{"id":"1"}}]}""", "INVALID_DATA" },
        { $$$"""{"transfer_and_delete":[{"id":"{{{LeaverId}}}","move_subordinate":{"id":"{{{LeaverId}}}"}}]}""", "INVALID_DATA" },
        { "{\"transfer_and_delete\":[{\"id\":\"" + new string('9', 5000) + "\",\"move_subordinate\":{\"id\":\"1\"}}]}", "INVALID_DATA" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Bad_transfer_body_is_refused_with_a_zoho_error(string body, string code)
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.PostAsync(Transfer, token, body);

        Assert.Equal((HttpStatusCode.BadRequest, code), (answer.Status, answer.Code));
        Assert.Empty((await Control.GetStateAsync()).Jobs);
    }

    [Fact]
    public async Task Oversized_body_is_refused_and_the_sandbox_keeps_serving()
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.PostAsync(Transfer, token, "{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}");

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_DATA"), (answer.Status, answer.Code));
        Assert.Equal(HttpStatusCode.OK, (await Zoho.GetAsync("crm/v7/users", token)).Status);
    }

    [Fact]
    public async Task Numeric_ids_are_accepted_as_zoho_ids()
    {
        var token = await Zoho.AccessTokenAsync();
        var body = $$$"""{"transfer_and_delete":[{"id":{{{LeaverId}}},"transfer":{"id":{{{ManagerId}}},"records":true,"assignment":false,"criteria":false}}]}""";

        var answer = await Zoho.PostAsync(Transfer, token, body);

        Assert.Equal("SUCCESS", answer.Code);
    }

    [Fact]
    public async Task Paths_outside_zoho_answer_invalid_url_pattern()
    {
        var answer = await Zoho.GetAsync("../../etc/passwd", null);

        Assert.Equal((HttpStatusCode.NotFound, "INVALID_URL_PATTERN"), (answer.Status, answer.Code));
    }
}
