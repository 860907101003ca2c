using System.Globalization;
using System.Text;
using Offboarding.Functions.Intake;

namespace Offboarding.LocalRun;

/// <summary>A request body with the Standard Webhooks headers an HRIS sender would attach.</summary>
internal sealed record SignedWebhook(string Body, string Id, string Timestamp, string Signature)
{
    public static SignedWebhook Create(WebhookSecret secret, string body)
    {
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var signature = StandardWebhookSigner.Sign(secret, id, now, Encoding.UTF8.GetBytes(body));
        return new SignedWebhook(body, id, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), signature);
    }

    public HttpRequestMessage ToRequest(Uri endpoint)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", Id);
        request.Headers.Add("webhook-timestamp", Timestamp);
        request.Headers.Add("webhook-signature", Signature);
        return request;
    }

    public string ToCurl(Uri endpoint) =>
        $"curl -i -X POST '{endpoint}' -H 'content-type: application/json' -H 'webhook-id: {Id}' " +
        $"-H 'webhook-timestamp: {Timestamp}' -H 'webhook-signature: {Signature}' --data '{Body}'";
}
