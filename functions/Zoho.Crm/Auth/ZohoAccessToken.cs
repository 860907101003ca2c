namespace Zoho.Crm;

/// <summary>A Zoho access token as cached and shared between client instances.</summary>
/// <param name="Value">The token itself. Secret: <see cref="ToString"/> never shows it.</param>
/// <param name="ExpiresOn">When Zoho stops accepting it.</param>
/// <param name="ApiDomain">The CRM API domain the token response named (e.g. <c>https://www.zohoapis.eu</c>), if any.</param>
/// <param name="IssuedOn">When it was obtained, if known; lets the refresh skew adapt to short-lived tokens.</param>
public sealed record ZohoAccessToken(string Value, DateTimeOffset ExpiresOn, string? ApiDomain, DateTimeOffset? IssuedOn = null)
{
    /// <summary>
    /// Whether the token is still good to use at <paramref name="now"/>, leaving <paramref name="skew"/> before expiry
    /// (at most half the token's lifetime, so a short-lived token is not refreshed on every call).
    /// </summary>
    public bool IsFresh(DateTimeOffset now, TimeSpan skew)
    {
        if (IssuedOn is DateTimeOffset issued && ExpiresOn > issued)
        {
            var half = (ExpiresOn - issued) / 2;
            if (skew > half)
            {
                skew = half;
            }
        }

        return now < ExpiresOn - skew;
    }

    /// <summary>Describes the token without its value.</summary>
    public override string ToString() => $"ZohoAccessToken {{ Value = {SecretRedactor.Mask}, ExpiresOn = {ExpiresOn:o}, ApiDomain = {ApiDomain} }}";
}
