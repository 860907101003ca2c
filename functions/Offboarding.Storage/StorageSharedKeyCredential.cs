using System.Security.Cryptography;
using System.Text;

namespace Offboarding.Storage;

/// <summary>
/// A storage account name and key. The key is held only as bytes for signing and is never
/// exposed or printed, so a credential object cannot leak it through logs or exceptions.
/// </summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            // The message deliberately omits the value: it is a secret.
            throw new ArgumentException("The storage account key is not valid base64.", nameof(accountKey));
        }
    }

    public string AccountName { get; }

    /// <summary>Base64 HMAC-SHA256 of <paramref name="stringToSign"/> with the account key.</summary>
    internal string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    public override string ToString() => $"StorageSharedKeyCredential({AccountName})";
}
