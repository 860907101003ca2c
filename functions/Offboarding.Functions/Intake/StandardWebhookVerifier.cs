using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Offboarding.Functions.Intake;

/// <summary>
/// Verifies Standard Webhooks signatures (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>):
/// HMAC-SHA256 over <c>{id}.{timestamp}.{raw body}</c>. Any of several <c>v1,</c> signatures may match any
/// of several active secrets (rotation); other schemes in the header are skipped, as the spec says.
/// </summary>
public sealed class StandardWebhookVerifier
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    // Bounds against a header built to make us hash or decode a lot.
    private const int MaxSignatures = 16;
    private const int MaxHeaderLength = 4096;
    private const int MaxIdLength = 256;

    private readonly IReadOnlyList<WebhookSecret> _secrets;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;

    public StandardWebhookVerifier(IEnumerable<WebhookSecret> secrets, TimeSpan tolerance, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets];
        _tolerance = tolerance;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public bool HasSecrets => _secrets.Count > 0;

    public SignatureCheck Verify(string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body)
    {
        if (!HasSecrets)
        {
            return SignatureCheck.Invalid("No webhook secret is configured, so no request can be authenticated.");
        }

        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return SignatureCheck.Invalid($"The '{IdHeader}', '{TimestampHeader}' and '{SignatureHeader}' headers are required.");
        }

        if (id.Length > MaxIdLength || id.Contains('.', StringComparison.Ordinal) || id.Any(char.IsControl))
        {
            return SignatureCheck.Invalid($"The '{IdHeader}' header is not a valid message id.");
        }

        if (timestamp.Length > 12 || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Invalid($"The '{TimestampHeader}' header is not a Unix time in seconds.");
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > _tolerance.TotalSeconds)
        {
            return SignatureCheck.Invalid($"The '{TimestampHeader}' is more than {_tolerance.TotalMinutes:0.#} minutes from the server's time.");
        }

        if (signatures.Length > MaxHeaderLength)
        {
            return SignatureCheck.Invalid($"The '{SignatureHeader}' header is too long.");
        }

        var candidates = ParseV1Signatures(signatures);
        if (candidates.Count == 0)
        {
            return SignatureCheck.Invalid($"The '{SignatureHeader}' header holds no 'v1,<base64>' signature.");
        }

        var signedContent = SignedContent(id, timestamp, body);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var match = false;
        foreach (var secret in _secrets)
        {
            HMACSHA256.HashData(secret.Key, signedContent, expected);
            foreach (var candidate in candidates)
            {
                // Keep comparing after a match so timing does not reveal which secret or position matched.
                match |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        return match ? SignatureCheck.Valid : SignatureCheck.Invalid("No signature matches the body with any active secret.");
    }

    internal static byte[] SignedContent(string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return content;
    }

    private static List<byte[]> ParseV1Signatures(string header)
    {
        var result = new List<byte[]>();
        foreach (var entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (result.Count == MaxSignatures)
            {
                break;
            }

            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0 || !entry.AsSpan(0, comma).SequenceEqual("v1"))
            {
                continue;
            }

            var buffer = new byte[HMACSHA256.HashSizeInBytes];
            if (Convert.TryFromBase64String(entry[(comma + 1)..], buffer, out var written) && written == buffer.Length)
            {
                result.Add(buffer);
            }
        }

        return result;
    }
}
