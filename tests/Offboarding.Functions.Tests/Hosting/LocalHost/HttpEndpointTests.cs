using System.Net;
using System.Text;
using System.Text.Json;
using Offboarding.Functions.Tests.Hosting.TestFunctions;

namespace Offboarding.Functions.Tests.Hosting.LocalHost;

/// <summary>The local host's HTTP: each function at /api/{Route} with its methods, the raw body intact.</summary>
public sealed class HttpEndpointTests : IAsyncLifetime
{
    private FunctionAppHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync((_, _) => { }, new Dictionary<string, string?>(), typeof(TestHttpTriggers));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Route_values_query_headers_and_exact_body_bytes_reach_the_function()
    {
        var body = Encoding.UTF8.GetBytes("{ \"b\":2,\r\n\"a\":\"\u00e9\\u00e9\" }");
        using var request = Signed(HttpMethod.Post, "/api/echo/42?x=1&x=2", body);
        request.Headers.TryAddWithoutValidation("X-Multi", ["a", "b"]);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Echo").Single());
        var echo = JsonSerializer.Deserialize<EchoedRequest>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(body, Convert.FromBase64String(echo.BodyBase64));
        Assert.Equal("42", echo.Id);
        Assert.Equal("/api/echo/42", echo.Path);
        Assert.Equal(["1", "2"], echo.Query["x"]);
    }

    [Fact]
    public async Task A_method_the_function_does_not_declare_is_405()
    {
        using var response = await _host.Client.DeleteAsync("/api/echo/42");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Bodies_over_the_driver_limit_get_413_problem_without_reaching_the_function()
    {
        var body = new byte[(1024 * 1024) + 1];
        using var request = Signed(HttpMethod.Post, "/api/echo/1", body);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Chunked_bodies_over_the_limit_are_stopped_while_reading()
    {
        var body = new byte[(1024 * 1024) + 100];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/echo/1") { Content = new StreamContent(new MemoryStream(body)) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_throwing_function_gives_a_500_problem_that_does_not_leak_the_exception()
    {
        using var response = await _host.Client.GetAsync("/api/throwing");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
        Assert.Contains("\"status\":500", text, StringComparison.Ordinal);

        using var again = await _host.Client.GetAsync("/");
        Assert.True(again.IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_path_no_function_answers_gets_a_404_problem()
    {
        using var response = await _host.Client.GetAsync("/api/no/such/function");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Two_functions_with_one_name_stop_the_app_from_starting()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => FunctionAppHost.StartAsync(
            (_, _) => { }, new Dictionary<string, string?>(), typeof(TestHttpTriggers), typeof(DuplicateNameTriggers)));

        Assert.Contains("SignedEcho", error.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Signed(HttpMethod method, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(SignedEchoFunction.SignatureHeader, SignedEchoFunction.Sign(body));
        return request;
    }
}
