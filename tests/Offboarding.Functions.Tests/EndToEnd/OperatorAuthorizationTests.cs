using System.Text;
using System.Text.Json;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 15, who may do this: every operator endpoint answers 401 without an operator identity, 403 for a signed-in
/// caller without the operator app role, and lets an operator in, whether by Easy Auth's client principal (believed only
/// where Easy Auth is in front) or by the operator key (refused in Azure unless allowed explicitly).
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class OperatorAuthorizationTests : SandboxResetTest
{
    private const string Role = "Offboarding.Operator";

    public OperatorAuthorizationTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>Every operator function, with a request it would accept from an operator and the status it then gives.</summary>
    public static TheoryData<string, string, string, string?, int> Endpoints => new()
    {
        { "ListOffboardings", "GET", "offboardings", null, 200 },
        { "CountOffboardings", "GET", "offboardings/counts", null, 200 },
        { "GetOffboarding", "GET", "offboardings/{id}", null, 404 },
        { "CancelOffboarding", "POST", "offboardings/{id}/cancel", """{"reason":"test"}""", 404 },
        { "RetryOffboarding", "POST", "offboardings/{id}/retry", "{}", 404 },
        { "GetHold", "GET", "holds", null, 200 },
        { "ApproveHold", "POST", "holds/approve", $$"""{"ids":["{{new string('0', 32)}}"]}""", 200 },
        { "RejectHold", "POST", "holds/reject", $$"""{"ids":["{{new string('0', 32)}}"],"reason":"test"}""", 200 },
    };

    private static TestRequest Request(string method, string path, string? json, Dictionary<string, string> headers) =>
        PipelineHarness.Request(method, path.Replace("{id}", new string('0', 32), StringComparison.Ordinal),
            json is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(json), headers,
            route: new Dictionary<string, string> { ["id"] = new string('0', 32) });

    private static string Principal(string name, params string[] roles)
    {
        var claims = roles.Select(r => new { typ = "roles", val = r }).Append(new { typ = "name", val = name });
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private static void AssertProblem(HttpAnswer response, int status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(status, JsonDocument.Parse(response.Body!).RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task With_the_operator_key_no_key_or_a_wrong_key(string function, string method, string path, string? json, int allowed)
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var endpoint = pipeline.Http(function);

        AssertProblem(await endpoint.RunAsync(Request(method, path, json, []), CancellationToken.None), 401);
        var wrong = await endpoint.RunAsync(Request(method, path, json, new() { ["Authorization"] = "Bearer not-the-key" }), CancellationToken.None);
        AssertProblem(wrong, 401);
        Assert.DoesNotContain(PipelineHarness.OperatorKey, wrong.Body, StringComparison.Ordinal);

        // Not behind Easy Auth, a client principal header is anybody's to send: it counts for nothing.
        AssertProblem(await endpoint.RunAsync(Request(method, path, json, new() { ["X-MS-CLIENT-PRINCIPAL"] = Principal("Mallory", Role) }), CancellationToken.None), 401);

        var ok = await endpoint.RunAsync(Request(method, path, json, PipelineHarness.OperatorHeaders()), CancellationToken.None);
        Assert.Equal(allowed, ok.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Behind_easy_auth_the_client_principal_needs_the_operator_role(string function, string method, string path, string? json, int allowed)
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>
        {
            ["WEBSITE_SITE_NAME"] = "func-offboard-test",
            ["WEBSITE_AUTH_ENABLED"] = "True",
        });
        var endpoint = pipeline.Http(function);

        AssertProblem(await endpoint.RunAsync(Request(method, path, json, []), CancellationToken.None), 401);
        AssertProblem(await endpoint.RunAsync(Request(method, path, json, new() { ["X-MS-CLIENT-PRINCIPAL"] = "%%%not base64" }), CancellationToken.None), 401);
        var wrongRole = await endpoint.RunAsync(Request(method, path, json, new() { ["X-MS-CLIENT-PRINCIPAL"] = Principal("Eve Reader", "Reader") }), CancellationToken.None);
        AssertProblem(wrongRole, 403);
        Assert.Contains(Role, wrongRole.Body, StringComparison.Ordinal);

        // The operator key is not the way in here: Easy Auth is, and the key is not allowed in Azure by default.
        AssertProblem(await endpoint.RunAsync(Request(method, path, json, PipelineHarness.OperatorHeaders()), CancellationToken.None), 401);

        var ok = await endpoint.RunAsync(Request(method, path, json, new() { ["X-MS-CLIENT-PRINCIPAL"] = Principal("Olivia Hart", Role), ["Content-Type"] = "application/json" }), CancellationToken.None);
        Assert.Equal(allowed, ok.StatusCode);
    }

    [Fact]
    public async Task The_callers_name_from_easy_auth_goes_into_the_audit_trail()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>
        {
            ["WEBSITE_SITE_NAME"] = "func-offboard-test",
            ["WEBSITE_AUTH_ENABLED"] = "True",
        });
        var json = PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", "anyone@northwind.example", $$""","effectiveAt":"{{DateTimeOffset.UtcNow.AddDays(1):O}}" """.TrimEnd());
        var id = JsonDocument.Parse((await pipeline.PostAsync(PipelineHarness.SignedRequest(json))).Body!).RootElement.GetProperty("id").GetString()!;

        var cancel = await pipeline.Http("CancelOffboarding").RunAsync(PipelineHarness.Request("POST", $"offboardings/{id}/cancel", Encoding.UTF8.GetBytes("""{"reason":"rehired"}"""),
            new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = Principal("Olivia Hart", Role) }, route: new Dictionary<string, string> { ["id"] = id }), CancellationToken.None);

        Assert.Equal(200, cancel.StatusCode);
        Assert.Equal("Olivia Hart", (await pipeline.GetAsync(id)).Cancellation!.By);
    }

    [Fact]
    public async Task In_azure_the_operator_key_works_only_when_allowed_explicitly()
    {
        var inAzure = new Dictionary<string, string?> { ["WEBSITE_SITE_NAME"] = "func-offboard-test" };
        await using (var pipeline = new PipelineHarness(Fixture, inAzure))
        {
            var refused = await pipeline.OperatorAsync("CountOffboardings", "GET", "offboardings/counts");
            AssertProblem(refused, 401);
            Assert.Contains("Operators__AllowKeyInAzure", refused.Body, StringComparison.Ordinal);
        }

        inAzure["Operators:AllowKeyInAzure"] = "true";
        await using (var pipeline = new PipelineHarness(Fixture, inAzure))
        {
            Assert.Equal(200, (await pipeline.OperatorAsync("CountOffboardings", "GET", "offboardings/counts")).StatusCode);
        }
    }

    [Fact]
    public async Task A_short_operator_key_stops_the_app_at_start_up()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Operators:Key"] = "short" });
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => pipeline.Http("CountOffboardings"));
        Assert.Contains("Operators__Key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short", error.Message.Replace("Operators__Key must be at least", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
