using System.Net.Http.Headers;
using System.Text.Json;

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
    public async Task<(int Status, JsonElement Problem)> PostAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/" + path, UriKind.Relative))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return ((int)response.StatusCode, body.RootElement.Clone());
    }

    public Task<JsonElement> OffboardingAsync(string id) => GetAsync($"offboardings/{id}");

    public async Task<string> StateAsync(string id) => (await OffboardingAsync(id).ConfigureAwait(false)).GetProperty("state").GetString()!;

    /// <summary>Waits until the offboarding is in one of the states (the pipeline runs in the background); fails at the deadline.</summary>
    public async Task<JsonElement> WaitForStateAsync(string id, params string[] states)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = await OffboardingAsync(id).ConfigureAwait(false);
            var state = view.GetProperty("state").GetString()!;
            if (states.Contains(state))
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Offboarding {id} is still {state} after 60 s; expected {string.Join(" or ", states)}.");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }
}
