using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Hosting;
using Offboarding.Functions.Tests.Hosting.TestFunctions;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Tests.Hosting.CustomHandler;

/// <summary>The HTTP trigger's JSON payload path: the same function, driven by the host's <c>Data.req</c>.</summary>
public sealed class HttpPayloadTests : IAsyncLifetime
{
    // Whitespace, CRLF, escapes, a BOM-less multi-byte mix and key order a re-serializer would change.
    private const string TrickyBody = "{ \"z\":1,\r\n  \"a\" : \"caf\u00e9 \\u00e9 \u2603 \ud83d\ude00\",\t\"n\":1.50 }\n";

    private FunctionAppHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync(
        FunctionHostingMode.CustomHandler, services => services.AddSingleton<IHttpFunction, SignedEchoFunction>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Readiness_probe_on_root_answers()
    {
        using var response = await _host.Client.GetAsync("/");
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Signature_over_the_raw_body_verifies_through_the_payload_and_the_result_goes_in_outputs_res()
    {
        var body = Encoding.UTF8.GetBytes(TrickyBody);
        var payload = HttpPayload(body: TrickyBody, signature: SignedEchoFunction.Sign(body), query: new Dictionary<string, string> { ["x"] = "1" });

        var (status, result) = await HostInvocation.PostAsync(_host.Client, "SignedEcho", payload);

        Assert.Equal(200, status);
        var res = result.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(201, res.GetProperty("statusCode").GetInt32());
        Assert.Equal("yes", res.GetProperty("headers").GetProperty("X-Echo").GetString());
        Assert.Equal("application/json", res.GetProperty("headers").GetProperty("Content-Type").GetString());
        var echo = JsonSerializer.Deserialize<EchoedRequest>(res.GetProperty("body").GetString()!)!;
        Assert.Equal(body, Convert.FromBase64String(echo.BodyBase64));
        Assert.Equal("POST", echo.Method);
        Assert.Equal("/api/echo/42", echo.Path);
        Assert.Equal("42", echo.Id);
        Assert.Equal(["1"], echo.Query["x"]);
        Assert.Equal(["a", "b"], echo.MultiHeader);
    }

    [Fact]
    public async Task A_body_changed_by_one_byte_fails_the_signature_but_the_host_still_gets_200()
    {
        var signed = Encoding.UTF8.GetBytes(TrickyBody);
        var payload = HttpPayload(body: TrickyBody.Replace("1.50", "1.5", StringComparison.Ordinal), signature: SignedEchoFunction.Sign(signed));

        var (status, result) = await HostInvocation.PostAsync(_host.Client, "SignedEcho", payload);

        Assert.Equal(200, status);
        Assert.Equal(401, result.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Query_and_params_sent_as_json_strings_by_older_hosts_are_read()
    {
        var body = "{}"u8.ToArray();
        var req = new Dictionary<string, object?>
        {
            ["Url"] = "https://app.example.net/api/echo/7?x=2&x=3",
            ["Method"] = "post",
            ["Query"] = "{\"x\":[\"2\",\"3\"]}",
            ["Headers"] = new Dictionary<string, object> { ["Content-Type"] = "application/json", [SignedEchoFunction.SignatureHeader] = new[] { SignedEchoFunction.Sign(body) } },
            ["Params"] = "{\"id\":\"7\"}",
            ["Identities"] = "[]",
            ["Body"] = "{}",
        };

        var (_, result) = await HostInvocation.PostAsync(_host.Client, "SignedEcho", HostInvocation.Serialize(new { Data = new { req }, Metadata = new { } }));

        var echo = JsonSerializer.Deserialize<EchoedRequest>(result.GetProperty("Outputs").GetProperty("res").GetProperty("body").GetString()!)!;
        Assert.Equal("POST", echo.Method);
        Assert.Equal("7", echo.Id);
        Assert.Equal(["2", "3"], echo.Query["x"]);
    }

    [Fact]
    public async Task Empty_params_array_and_missing_query_fall_back_to_the_url()
    {
        var body = "{}"u8.ToArray();
        var req = new Dictionary<string, object?>
        {
            ["Url"] = "http://localhost:7071/api/echo/9?y=%C3%A9",
            ["Method"] = "PUT",
            ["Headers"] = new Dictionary<string, string[]> { [SignedEchoFunction.SignatureHeader] = [SignedEchoFunction.Sign(body)] },
            ["Params"] = Array.Empty<string>(),
            ["Body"] = "{}",
        };

        var (_, result) = await HostInvocation.PostAsync(_host.Client, "SignedEcho", HostInvocation.Serialize(new { Data = new { req }, Metadata = new { } }));

        var echo = JsonSerializer.Deserialize<EchoedRequest>(result.GetProperty("Outputs").GetProperty("res").GetProperty("body").GetString()!)!;
        Assert.Null(echo.Id);
        Assert.Equal(["\u00e9"], echo.Query["y"]);
        Assert.Equal("/api/echo/9", echo.Path);
    }

    [Fact]
    public async Task Octet_stream_bodies_arrive_base64_and_reach_the_function_as_the_original_bytes()
    {
        var body = new byte[] { 0, 255, 1, 254, 0x80, 0x0d, 0x0a };
        var req = new Dictionary<string, object?>
        {
            ["Url"] = "https://app.example.net/api/echo/1",
            ["Method"] = "POST",
            ["Headers"] = new Dictionary<string, string[]>
            {
                ["Content-Type"] = ["application/octet-stream"],
                [SignedEchoFunction.SignatureHeader] = [SignedEchoFunction.Sign(body)],
            },
            ["Params"] = new Dictionary<string, string> { ["id"] = "1" },
            ["Body"] = Convert.ToBase64String(body),
        };

        var (_, result) = await HostInvocation.PostAsync(_host.Client, "SignedEcho", HostInvocation.Serialize(new { Data = new { req }, Metadata = new { } }));

        var res = result.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(201, res.GetProperty("statusCode").GetInt32());
        Assert.Equal(body, Convert.FromBase64String(JsonSerializer.Deserialize<EchoedRequest>(res.GetProperty("body").GetString()!)!.BodyBase64));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"req\":{\"Url\":\"https://x/api/echo/1\"}}}")]
    [InlineData("{\"Data\":{\"req\":{\"Method\":\"POST\"}}}")]
    [InlineData("{\"Data\":{\"req\":{\"Method\":\"POST\",\"Url\":\"https://x/api/echo/1\",\"Query\":\"{not json\"}}}")]
    [InlineData("{\"Data\":{\"req\":{\"Method\":\"POST\",\"Url\":\"https://x/api/echo/1\",\"Headers\":{\"Content-Type\":[\"application/octet-stream\"]},\"Body\":\"***\"}}}")]
    [InlineData("[1,2,3]")]
    public async Task Malformed_payloads_get_400_with_a_json_answer_and_the_handler_keeps_serving(string payload)
    {
        var (status, result) = await HostInvocation.PostAsync(_host.Client, "SignedEcho", payload);

        Assert.Equal(400, status);
        Assert.Contains(HostInvocation.Logs(result), line => line.Contains("malformed", StringComparison.OrdinalIgnoreCase));
        using var ready = await _host.Client.GetAsync("/");
        Assert.True(ready.IsSuccessStatusCode);
    }

    [Fact]
    public async Task An_unknown_function_name_gets_404_with_a_json_answer()
    {
        var (status, result) = await HostInvocation.PostAsync(_host.Client, "NoSuchFunction", "{\"Data\":{}}");

        Assert.Equal(404, status);
        Assert.Contains(HostInvocation.Logs(result), line => line.Contains("NoSuchFunction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forwarded_requests_reach_the_same_function_at_its_api_route()
    {
        // enableForwardingHttpRequest: the host replays the caller's request at its original path.
        var body = Encoding.UTF8.GetBytes(TrickyBody);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/echo/5") { Content = content };
        request.Headers.Add(SignedEchoFunction.SignatureHeader, SignedEchoFunction.Sign(body));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(201, (int)response.StatusCode);
    }

    private static string HttpPayload(string body, string signature, Dictionary<string, string>? query = null)
    {
        var req = new Dictionary<string, object?>
        {
            ["Url"] = "https://offboarding.azurewebsites.net/api/echo/42" + (query is null ? string.Empty : "?" + string.Join('&', query.Select(p => $"{p.Key}={p.Value}"))),
            ["Method"] = "POST",
            ["Query"] = query ?? new Dictionary<string, string>(),
            ["Headers"] = new Dictionary<string, string[]>
            {
                ["Content-Type"] = ["application/json; charset=utf-8"],
                [SignedEchoFunction.SignatureHeader] = [signature],
                ["X-Multi"] = ["a", "b"],
            },
            ["Params"] = new Dictionary<string, string> { ["id"] = "42" },
            ["Identities"] = "[{\"AuthenticationType\":\"WebJobsAuthLevel\",\"IsAuthenticated\":true}]",
            ["Body"] = body,
        };
        return HostInvocation.Serialize(new
        {
            Data = new { req },
            Metadata = new { Query = query ?? new Dictionary<string, string>(), id = "42", sys = new { MethodName = "SignedEcho", UtcNow = DateTimeOffset.UtcNow, RandGuid = Guid.NewGuid() } },
        });
    }
}
