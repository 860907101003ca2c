using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Control;

/// <summary>
/// Typed client for the sandbox's <c>/__sandbox</c> control API. Works the same against an in-process sandbox
/// and a separately started one (<c>dotnet run --project tools/Zoho.Crm.Sandbox -- --port 5080</c>).
/// </summary>
public sealed class SandboxControlClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client with its own HttpClient for the sandbox at <paramref name="baseUri"/>.</summary>
    public SandboxControlClient(Uri baseUri)
        : this(new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) }, ownsHttp: true)
    {
    }

    /// <summary>A client over a caller-owned HttpClient whose BaseAddress is the sandbox's base URL.</summary>
    public SandboxControlClient(HttpClient http)
        : this(http, ownsHttp: false)
    {
    }

    private SandboxControlClient(HttpClient http, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress (the sandbox base URL).", nameof(http));
        }

        _http = http;
        _ownsHttp = ownsHttp;
    }

    public Task<SandboxSettings> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SandboxSettings>("__sandbox/settings", cancellationToken);

    /// <summary>Replaces every run-time setting (faults, latency, limits, job behaviour) at once.</summary>
    public async Task<SandboxSettings> SetSettingsAsync(SandboxSettings settings, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync("__sandbox/settings", settings, Json, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<SandboxSettings>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the settings, applies <paramref name="change"/> and writes them back, e.g. <c>s => s with { InternalErrorRate = 0.2 }</c>.</summary>
    public async Task<SandboxSettings> UpdateSettingsAsync(Func<SandboxSettings, SandboxSettings> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = await GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        return await SetSettingsAsync(change(current), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Back to the start-up org and settings: no jobs, no tokens, empty call log, real time.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, "__sandbox/reset", cancellationToken);

    /// <summary>Serves another org from now on (and resets everything else).</summary>
    public async Task LoadOrgAsync(OrgFixture org, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync("__sandbox/org", org, Json, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public Task<SandboxStateSnapshot> GetStateAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SandboxStateSnapshot>("__sandbox/state", cancellationToken);

    public Task<IReadOnlyList<CallLogEntry>> GetCallLogAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<CallLogEntry>>("__sandbox/calls", cancellationToken);

    /// <summary>Calls grouped by endpoint, HTTP status and Zoho code.</summary>
    public Task<IReadOnlyList<CallCount>> GetCallCountsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<CallCount>>("__sandbox/calls/counts", cancellationToken);

    /// <summary>How many logged calls match: endpoint, and optionally status, code and user id.</summary>
    public async Task<int> CountAsync(string endpoint, int? status = null, string? code = null, string? userId = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { "endpoint=" + Uri.EscapeDataString(endpoint) };
        if (status is not null)
        {
            query.Add("status=" + status.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (code is not null)
        {
            query.Add("code=" + Uri.EscapeDataString(code));
        }

        if (userId is not null)
        {
            query.Add("userId=" + Uri.EscapeDataString(userId));
        }

        var answer = await GetAsync<CallCountAnswer>("__sandbox/calls/count?" + string.Join('&', query), cancellationToken).ConfigureAwait(false);
        return answer.Count;
    }

    /// <summary>Empties the call log and resets the peak concurrency, leaving the org as it is.</summary>
    public Task ClearCallLogAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, "__sandbox/calls", cancellationToken);

    public Task<ConcurrencySnapshot> GetConcurrencyAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ConcurrencySnapshot>("__sandbox/concurrency", cancellationToken);

    public async Task<int> GetPeakConcurrencyAsync(CancellationToken cancellationToken = default) =>
        (await GetConcurrencyAsync(cancellationToken).ConfigureAwait(false)).Peak;

    public Task ResetPeakConcurrencyAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__sandbox/concurrency/reset-peak", cancellationToken);

    /// <summary>Moves the sandbox clock forward: jobs progress and tokens expire without waiting.</summary>
    public Task AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__sandbox/clock/advance?seconds=" + by.TotalSeconds.ToString(CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>Ends one unfinished job (or all) now as completed, applying its changes to the org.</summary>
    public Task CompleteJobsAsync(string? jobId = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__sandbox/jobs/complete" + JobQuery(jobId), cancellationToken);

    /// <summary>Ends one unfinished job (or all) now as failed; the org does not change.</summary>
    public Task FailJobsAsync(string? jobId = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__sandbox/jobs/fail" + JobQuery(jobId), cancellationToken);

    /// <summary>Invalidates every access token issued so far (the next CRM call answers 401 INVALID_TOKEN).</summary>
    public Task ExpireTokensAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, "__sandbox/tokens/expire", cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string JobQuery(string? jobId) => jobId is null ? "" : "?jobId=" + Uri.EscapeDataString(jobId);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The sandbox answered {response.RequestMessage?.RequestUri} with an empty body.");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException(
                $"Sandbox control call {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} failed with {(int)response.StatusCode}: {body}");
        }
    }
}
