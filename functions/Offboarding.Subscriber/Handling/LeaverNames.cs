using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Subscriber.Configuration;

namespace Offboarding.Subscriber.Handling;

/// <summary>
/// The leaver's name (or work email) from the offboarding's status, which events point at instead of carrying personal
/// data. Best effort: without an operator key, or when the app does not answer, the message names Zoho ids instead.
/// </summary>
public sealed partial class LeaverNames(IHttpClientFactory http, IOptions<SubscriberOptions> options, ILogger<LeaverNames> logger)
{
    private readonly SubscriberOptions _options = options.Value;

    public async Task<string?> FindAsync(JsonElement data, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.OperatorKey) || !data.TryGetProperty("statusUrl", out var statusUrl) || statusUrl.GetString() is not { } path)
        {
            return null;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_options.AppBaseUri!, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.OperatorKey);
            using var response = await http.CreateClient(nameof(LeaverNames)).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogNoName(logger, (int)response.StatusCode);
                return null;
            }

            using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return status.RootElement.TryGetProperty("employee", out var employee) && employee.ValueKind == JsonValueKind.Object
                ? Text(employee, "name") ?? Text(employee, "workEmail")
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogNoName(logger, 0);
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The offboarding's status could not be read (status {Status}); the message names Zoho ids only")]
    private static partial void LogNoName(ILogger logger, int status);
}
