using System.Text.RegularExpressions;

namespace Zoho.Crm;

/// <summary>
/// Scrubs secrets from text that came from elsewhere (Zoho messages, transport errors) before it is logged or thrown:
/// a second line of defence in case a server echoes one back.
/// </summary>
internal sealed partial class SecretRedactor
{
    internal const string Mask = "[REDACTED]";

    // Remember a few recent access tokens: an old one can still be echoed in an error after a refresh.
    private const int RememberedTokens = 8;

    private readonly string[] _fixedSecrets;
    private readonly Lock _gate = new();
    private readonly Queue<string> _accessTokens = new();
    private string[] _all;

    public SecretRedactor(params string?[] fixedSecrets)
    {
        _fixedSecrets = fixedSecrets.Where(s => !string.IsNullOrEmpty(s) && s.Length >= 4).Select(s => s!).ToArray();
        _all = _fixedSecrets;
    }

    /// <summary>Adds an access token to the values to scrub.</summary>
    public void Remember(string accessToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return;
        }

        lock (_gate)
        {
            if (_accessTokens.Contains(accessToken))
            {
                return;
            }

            _accessTokens.Enqueue(accessToken);
            while (_accessTokens.Count > RememberedTokens)
            {
                _accessTokens.Dequeue();
            }

            _all = _fixedSecrets.Concat(_accessTokens).ToArray();
        }
    }

    /// <summary>The text with every known secret, and anything shaped like a Zoho token, replaced by a mask.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in Volatile.Read(ref _all))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return ZohoTokenShape().Replace(text, Mask);
    }

    // Zoho access and refresh tokens look like "1000.<hex>.<hex>".
    [GeneratedRegex(@"\b1000\.[0-9A-Za-z]{8,}\.[0-9A-Za-z]{8,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ZohoTokenShape();
}
