using System.Security.Cryptography;
using System.Text;

namespace Offboarding.Functions.Intake;

/// <summary>
/// Verifies Merge.dev's <c>X-Merge-Webhook-Signature</c>: base64url(HMAC-SHA256(organisation key, raw body)).
/// Whether Merge keeps the base64 padding is not documented, so both forms are accepted by comparing bytes.
/// </summary>
public sealed class MergeSignatureVerifier
{
    public const string SignatureHeader = "X-Merge-Webhook-Signature";

    private readonly IReadOnlyList<byte[]> _keys;

    public MergeSignatureVerifier(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Encoding.UTF8.GetBytes(k))];
    }

    public bool HasKeys => _keys.Count > 0;

    public SignatureCheck Verify(string? signature, ReadOnlySpan<byte> body)
    {
        if (!HasKeys)
        {
            return SignatureCheck.Invalid("No Merge webhook signature key is configured, so no Merge webhook can be authenticated.");
        }

        if (string.IsNullOrEmpty(signature) || signature.Length > 128)
        {
            return SignatureCheck.Invalid($"The '{SignatureHeader}' header is required.");
        }

        var candidate = DecodeBase64Url(signature);
        if (candidate is null || candidate.Length != HMACSHA256.HashSizeInBytes)
        {
            return SignatureCheck.Invalid($"The '{SignatureHeader}' header is not a base64url HMAC-SHA256.");
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var match = false;
        foreach (var key in _keys)
        {
            HMACSHA256.HashData(key, body, expected);
            match |= CryptographicOperations.FixedTimeEquals(expected, candidate);
        }

        return match ? SignatureCheck.Valid : SignatureCheck.Invalid("The Merge signature does not match the body.");
    }

    /// <summary>What Merge sends for a body; for tests and local runs.</summary>
    public static string Sign(string key, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? DecodeBase64Url(string value)
    {
        var standard = value.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var buffer = new byte[standard.Length];
        return Convert.TryFromBase64String(standard, buffer, out var written) ? buffer[..written] : null;
    }
}
