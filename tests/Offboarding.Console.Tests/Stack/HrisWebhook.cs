using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Intake;

namespace Offboarding.Console.Tests.Stack;

/// <summary>The HRIS: posts canonical offboarding requests, signed as a Standard Webhooks sender signs them.</summary>
internal sealed class HrisWebhook(HttpClient http)
{
    private readonly WebhookSecret _secret = WebhookSecret.Parse(AppSettings.WebhookSecret);

    /// <summary>Offboards a user by email; returns the offboarding's id.</summary>
    /// <param name="effectiveAt">When the leaver leaves; in the future, the offboarding waits (deferred) until then.</param>
    /// <param name="dryRun">Only plan the Zoho calls (ends as planned; the leaver stays in Zoho).</param>
    public async Task<string> OffboardAsync(string email, string? hrisId = null, string? name = null, DateTimeOffset? effectiveAt = null, bool dryRun = false)
    {
        var employee = new JsonObject { ["workEmail"] = email };
        if (hrisId is not null)
        {
            employee["hrisId"] = hrisId;
        }

        if (name is not null)
        {
            employee["name"] = name;
        }

        var request = new JsonObject
        {
            ["source"] = "console-tests",
            ["sourceEventId"] = Guid.NewGuid().ToString("N"),
            ["employee"] = employee,
        };
        if (dryRun)
        {
            request["dryRun"] = true;
        }

        if (effectiveAt is { } at)
        {
            request["effectiveAt"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        var messageId = $"msg_{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("api/offboardings", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Add("webhook-id", messageId);
        message.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        message.Headers.Add("webhook-signature", StandardWebhookSigner.Sign(_secret, messageId, now, body));
        using var response = await http.SendAsync(message).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"The intake refused {email}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("id").GetString()!;
    }
}
