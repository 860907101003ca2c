using System.Security;
using System.Text;
using System.Xml;

namespace Offboarding.Storage.Queues;

/// <summary>Encodes message text for the wire (with the 64 KiB limit) and decodes it back.</summary>
internal static class QueueMessageCodec
{
    /// <summary>The service limit on the stored message text, after encoding.</summary>
    public const int MaxEncodedBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string messageText, QueueMessageEncoding encoding, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(messageText, parameterName);
        string encoded;
        int size;
        try
        {
            if (encoding == QueueMessageEncoding.Base64)
            {
                encoded = Convert.ToBase64String(StrictUtf8.GetBytes(messageText));
                size = encoded.Length;
            }
            else
            {
                XmlConvert.VerifyXmlChars(messageText);
                encoded = messageText;
                size = StrictUtf8.GetByteCount(messageText);
            }
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("The message text contains an unpaired surrogate and cannot be encoded as UTF-8.", parameterName);
        }
        catch (XmlException)
        {
            throw new ArgumentException("The message text contains characters XML cannot carry; use QueueMessageEncoding.Base64.", parameterName);
        }

        if (size > MaxEncodedBytes)
        {
            throw new ArgumentException(
                $"The message is {size} bytes after {encoding} encoding; the queue service limit is {MaxEncodedBytes} bytes " +
                $"(about 48 KiB of UTF-8 text with base64). Store large payloads elsewhere and queue a reference.",
                parameterName);
        }

        return encoded;
    }

    public static string Body(string encodedText) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessage><MessageText>{SecurityElement.Escape(encodedText)}</MessageText></QueueMessage>";

    public static (string Text, bool Failed) Decode(string wireText, QueueMessageEncoding encoding)
    {
        if (encoding == QueueMessageEncoding.None)
        {
            return (wireText, false);
        }

        var buffer = new byte[(wireText.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(wireText, buffer, out var written))
        {
            return (wireText, true);
        }

        try
        {
            return (StrictUtf8.GetString(buffer, 0, written), false);
        }
        catch (DecoderFallbackException)
        {
            return (wireText, true);
        }
    }
}
