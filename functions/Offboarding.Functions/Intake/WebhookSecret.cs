namespace Offboarding.Functions.Intake;

/// <summary>A Standard Webhooks symmetric secret: <c>whsec_</c> followed by the base64 key (the prefix is optional on input).</summary>
public sealed class WebhookSecret
{
    private const string Prefix = "whsec_";

    private WebhookSecret(byte[] key) => Key = key;

    /// <summary>The HMAC key. Never logged; <see cref="ToString"/> hides it.</summary>
    internal byte[] Key { get; }

    public static WebhookSecret Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var encoded = value.StartsWith(Prefix, StringComparison.Ordinal) ? value[Prefix.Length..] : value;
        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            // The message must not echo the value: it is a secret.
            throw new FormatException("A webhook secret is not 'whsec_' followed by base64.");
        }

        if (key.Length < 16)
        {
            throw new FormatException("A webhook secret is shorter than 16 bytes.");
        }

        return new WebhookSecret(key);
    }

    public override string ToString() => "whsec_***";
}
