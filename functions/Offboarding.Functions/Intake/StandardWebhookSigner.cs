using System.Text;
using StandardWebhooks;

namespace Offboarding.Functions.Intake;

/// <summary>Produces Standard Webhooks headers for a body: what an HRIS sender does, used by the local run and the benchmark.</summary>
public static class StandardWebhookSigner
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The <c>webhook-signature</c> value (<c>v1,…</c>) for a UTF-8 body, signed by the StandardWebhooks library.</summary>
    public static string Sign(WebhookSecret secret, string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new StandardWebhook(secret.Key).Sign(id, timestamp, StrictUtf8.GetString(body));
    }
}
