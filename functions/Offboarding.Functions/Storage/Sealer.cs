using System.Security.Cryptography;
using System.Text;

namespace Offboarding.Functions.Storage;

/// <summary>
/// AES-256-GCM under a key derived from the Zoho client secret, bound to where the value belongs: storage can hold tokens
/// and personal data that a reader of the storage account cannot open. A value that does not open is simply refused.
/// </summary>
public sealed class Sealer
{
    private const string Prefix = "v1.";
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private static readonly byte[] KeyPurpose = "offboarding/sealed-storage/v1"u8.ToArray();

    private readonly byte[] _key;

    public Sealer(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), KeySize, salt: [], info: KeyPurpose);
    }

    public string Seal(string plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + clear.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize, clear.Length), sealedBytes.AsSpan(NonceSize + clear.Length), Encoding.UTF8.GetBytes(context));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plaintext, or null when <paramref name="sealedValue"/> does not open under this key and context.</summary>
    public string? TryOpen(string? sealedValue, string context)
    {
        if (sealedValue is null || !sealedValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = new byte[(sealedValue.Length - Prefix.Length) * 3 / 4];
        if (!Convert.TryFromBase64String(sealedValue[Prefix.Length..], bytes, out var length) || length < NonceSize + TagSize)
        {
            return null;
        }

        var cipherLength = length - NonceSize - TagSize;
        var clear = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, cipherLength), bytes.AsSpan(NonceSize + cipherLength, TagSize), clear, Encoding.UTF8.GetBytes(context));
            return Encoding.UTF8.GetString(clear);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
