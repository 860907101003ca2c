using System.Net.Http.Headers;
using System.Text.Json;
using TestSupport;

namespace Offboarding.Console.Tests.Stack;

/// <summary>The operator API as the tests use it to check what the page did: with the operator key, as JSON.</summary>
internal sealed class OperatorApiClient(HttpClient http, string operatorKey)
{
    public async Task<JsonElement> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/" + path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>Posts a JSON body; the status and the body (a problem on refusal) without judging either.</summary>
    public Task<(int Status, JsonElement Problem)> PostAsync(string path, string json) =>
        SendAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Posts a CSV upload; the status and the body (a problem on refusal) without judging either.</summary>
    public Task<(int Status, JsonElement Problem)> PostCsvAsync(string path, string csv) =>
        SendAsync(path, new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

    /// <summary>A GET's body as text (e.g. a CSV report).</summary>
    public async Task<string> GetTextAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/" + path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    public Task<JsonElement> OffboardingAsync(string id) => GetAsync($"offboardings/{id}");

    public async Task<string> StateAsync(string id) => (await OffboardingAsync(id).ConfigureAwait(false)).GetProperty("state").GetString()!;

    /// <summary>Waits until the offboarding is in one of the states (the pipeline runs in the background); fails at the deadline.</summary>
    public Task<JsonElement> WaitForStateAsync(string id, params string[] states) =>
        Eventually.ReturnsAsync(
            () => OffboardingAsync(id),
            view => states.Contains(view.GetProperty("state").GetString()!),
            $"offboarding {id} is {string.Join(" or ", states)}",
            within: TimeSpan.FromSeconds(60),
            every: TimeSpan.FromMilliseconds(200),
            describe: view => Task.FromResult($"still {view.GetProperty("state").GetString()}"));

    private async Task<(int Status, JsonElement Problem)> SendAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/" + path, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return ((int)response.StatusCode, body.RootElement.Clone());
    }
}
