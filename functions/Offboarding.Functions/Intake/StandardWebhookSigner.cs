using System.Globalization;
using System.Security.Cryptography;

namespace Offboarding.Functions.Intake;

/// <summary>Produces Standard Webhooks headers for a body: what an HRIS sender does, used by the local run and the benchmark.</summary>
public static class StandardWebhookSigner
{
    public static string Sign(WebhookSecret secret, string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(secret.Key, StandardWebhookVerifier.SignedContent(id, seconds, body));
        return "v1," + Convert.ToBase64String(mac);
    }
}
