using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Offboarding.Functions.Intake;

/// <summary>Verifies Standard Webhooks signatures with the StandardWebhooks library, trying each active secret in turn (the
/// library takes one key per instance, and rotation needs several).</summary>
/// <remarks>
/// The wrapper does only what the library (1.1.2) cannot:
/// <list type="bullet">
/// <item>It checks the headers and the timestamp itself first, against the injected clock, so the 401 says what is
/// wrong: the library reports by exception text, reads <see cref="DateTimeOffset.UtcNow"/> and fixes the tolerance at
/// 5 minutes (so a configured tolerance may be shorter, never longer).</item>
/// <item>It hands the library one signature at a time: given several, the library never checks the last one, and it
/// gives up on the whole header at the first entry without a comma.</item>
/// <item>It decodes the body as strict UTF-8: the library takes text and signs its UTF-8 bytes, which are the sender's
/// bytes exactly when those were UTF-8; any other bytes are refused rather than altered.</item>
/// </list>
/// </remarks>
public sealed class StandardWebhookVerifier
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The library refuses timestamps further than this from its clock, whatever is configured here.</summary>
    public static readonly TimeSpan MaxTolerance = TimeSpan.FromMinutes(5);

    // Bounds against a header built to make us hash a lot.
    private const int MaxSignatures = 16;
    private const int MaxHeaderLength = 4096;
    private const int MaxIdLength = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IReadOnlyList<StandardWebhook> _secrets;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;

    public StandardWebhookVerifier(IEnumerable<WebhookSecret> secrets, TimeSpan tolerance, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tolerance, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tolerance, MaxTolerance);
        _secrets = [.. secrets.Select(secret => new StandardWebhook(secret.Key))];
        _tolerance = tolerance;
        _time = time;
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

        var candidates = signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(entry => entry.StartsWith("v1,", StringComparison.Ordinal) && entry.Length > 3)
            .Take(MaxSignatures)
            .ToList();
        if (candidates.Count == 0)
        {
            return SignatureCheck.Invalid($"The '{SignatureHeader}' header holds no 'v1,<base64>' signature.");
        }

        string payload;
        try
        {
            payload = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return SignatureCheck.Invalid("The body is not UTF-8 text, so its signature cannot be checked.");
        }

        // Every secret against every signature, without stopping at a match, so timing does not tell which matched.
        var match = false;
        foreach (var secret in _secrets)
        {
            foreach (var candidate in candidates)
            {
                match |= Matches(secret, id, timestamp, candidate, payload);
            }
        }

        return match ? SignatureCheck.Valid : SignatureCheck.Invalid("No signature matches the body with any active secret.");
    }

    private static bool Matches(StandardWebhook secret, string id, string timestamp, string signature, string payload)
    {
        var headers = new HeaderDictionary
        {
            [IdHeader] = id,
            [TimestampHeader] = timestamp,
            [SignatureHeader] = signature,
        };
        try
        {
            secret.Verify(payload, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }
}
