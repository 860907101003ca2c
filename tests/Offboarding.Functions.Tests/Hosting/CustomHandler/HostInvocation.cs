using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Offboarding.Functions.Tests.Hosting.CustomHandler;

/// <summary>Posts an invocation the way the Functions host does and reads the handler's answer.</summary>
internal static class HostInvocation
{
    public static async Task<(int Status, JsonElement Result)> PostAsync(HttpClient client, string functionName, string payloadJson)
    {
        using var content = new StringContent(payloadJson, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + functionName) { Content = content };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1040.0");
        using var response = await client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, result);
    }

    public static string Serialize(object payload) => JsonSerializer.Serialize(payload);

    public static IReadOnlyList<string> Logs(JsonElement result) =>
        result.GetProperty("Logs").EnumerateArray().Select(line => line.GetString() ?? string.Empty).ToArray();
}
