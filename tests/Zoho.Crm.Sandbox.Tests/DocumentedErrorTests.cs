using TestSupport;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>Each documented error, produced by its documented trigger, with its code, HTTP status and shape.</summary>
public sealed class DocumentedErrorTests(SandboxFixture sandbox) : SandboxTest(sandbox), IClassFixture<SandboxFixture>
{
    public static TheoryData<string> Rows => [.. DocumentedErrors.All.Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Documented_error_is_produced_by_its_trigger(string row)
    {
        var error = DocumentedErrors.All[row];
        if (error.Arrange is not null)
        {
            await Control.UpdateSettingsAsync(error.Arrange);
        }

        var token = error.RawToken ?? (error.RefreshToken is null ? null : await Zoho.AccessTokenAsync(error.RefreshToken));
        var answer = await Zoho.SendAsync(error.Method, error.Path, token, error.Body);

        Assert.Equal(error.Status, (int)answer.Status);
        Assert.Equal(error.Code, answer.Code);
        Assert.Equal("error", answer.Entry!["status"]!.GetValue<string>());
        Assert.NotNull(answer.Entry["message"]);
        if (error.Wrapped is { } wrapped)
        {
            Assert.Equal(wrapped, answer.Body is System.Text.Json.Nodes.JsonObject o && !o.ContainsKey("code"));
        }

        if (error.Detail is var (key, value))
        {
            Assert.Equal(value, answer.Details?[key]?.ToString());
        }
    }

    [Fact]
    public async Task A_rejected_transfer_changes_nothing_and_is_logged_with_its_code_and_user()
    {
        var row = DocumentedErrors.All.Values.Single(e => e.Trigger == "subordinates target is a subordinate user");
        var token = await Zoho.AccessTokenAsync();
        await Zoho.SendAsync(row.Method, row.Path, token, row.Body);

        var state = await Control.GetStateAsync();
        Assert.Empty(state.Jobs);
        Assert.Equal("active", state.User(Fixtures.DefaultOrg.Users.LeaverId).Status);
        var entry = Assert.Single(await Control.GetCallLogAsync(), e => e.Endpoint == "transfer_and_delete");
        Assert.Equal((400, "NOT_ALLOWED", Fixtures.DefaultOrg.Users.LeaverId), (entry.Status, entry.Code, entry.UserId));
    }
}
