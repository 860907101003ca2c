using System.Text;

namespace Offboarding.LocalHost.Queues;

/// <summary>host.json's <c>messageEncoding</c> words, and decoding the stored text the way the queue trigger does.</summary>
internal static class QueueMessageEncodings
{
    public const string Base64 = "base64";
    public const string None = "none";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsKnown(string? value) => IsBase64(value) || string.Equals(value?.Trim(), None, StringComparison.OrdinalIgnoreCase);

    public static bool IsBase64(string? value) => string.Equals(value?.Trim(), Base64, StringComparison.OrdinalIgnoreCase);

    /// <summary>The message text from the text as stored; null when it is not base64 of UTF-8 (the trigger poisons such a message).</summary>
    public static string? TryDecode(string stored, bool base64)
    {
        if (!base64)
        {
            return stored;
        }

        try
        {
            return StrictUtf8.GetString(Convert.FromBase64String(stored));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }
}
