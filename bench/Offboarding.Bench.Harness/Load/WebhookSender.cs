using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Intake;

namespace Offboarding.Bench.Harness.Load;

/// <summary>
/// An HRIS sender: posts canonical offboarding requests to <c>POST /api/offboardings</c>, signed with Standard
/// Webhooks headers. Like a real sender it can retry until accepted, signing each attempt afresh. With several app
/// instances each attempt goes to the next one, as a load balancer spreads them (and a retry leaves a dead one).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly WebhookSecret _secret = WebhookSecret.Parse(AppSettings.WebhookSecret);
    private readonly IReadOnlyList<Uri> _instances;
    private int _next = -1;

    public WebhookSender(IReadOnlyList<Uri> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        _instances = instances.Count > 0 ? instances : throw new ArgumentException("No app instance to send to.", nameof(instances));
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public static string Body(string eventId, string email) =>
        $$$"""{"source":"bench-hris","sourceEventId":"{{{eventId}}}","employee":{"workEmail":"{{{email}}}"}}""";

    /// <summary>One attempt; the HTTP status and, when accepted, the offboarding id.</summary>
    public async Task<(int Status, string? OffboardingId)> SendOnceAsync(string eventId, string email, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(Body(eventId, email));
        var messageId = $"msg_{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var instance = _instances[(int)((uint)Interlocked.Increment(ref _next) % (uint)_instances.Count)];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance, "api/offboardings"));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSigner.Sign(_secret, messageId, now, body));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is not (200 or 202))
        {
            return (status, null);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (status, json.RootElement.GetProperty("id").GetString());
    }

    /// <summary>Sends until accepted (2xx) or the deadline; transport errors and 5xx are retried, 4xx are not.</summary>
    public async Task<Submission> SendUntilAcceptedAsync(Leaver leaver, string eventId, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaver);
        var giveUpAt = DateTimeOffset.UtcNow + deadline;
        var attempts = 0;
        var status = 0;
        var latency = TimeSpan.Zero;
        while (DateTimeOffset.UtcNow < giveUpAt)
        {
            attempts++;
            var attempt = Stopwatch.StartNew();
            try
            {
                var (answer, id) = await SendOnceAsync(eventId, leaver.Email, cancellationToken).ConfigureAwait(false);
                latency = attempt.Elapsed;
                status = answer;
                if (id is not null)
                {
                    return new Submission(eventId, leaver.Email, leaver.ZohoId, id, status, DateTimeOffset.UtcNow, attempts, latency);
                }

                if (answer is >= 400 and < 500)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                status = 0;
                latency = attempt.Elapsed;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                status = 0;
                latency = attempt.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Min(attempts, 8)), cancellationToken).ConfigureAwait(false);
        }

        return new Submission(eventId, leaver.Email, leaver.ZohoId, null, status, DateTimeOffset.UtcNow, attempts, latency);
    }

    public void Dispose() => _http.Dispose();
}
