using Zoho.Crm;

namespace Zoho.Crm.Tests.Support;

/// <summary>One documented error: the page it is on, its code and HTTP status, when Zoho sends it, and how the client must classify it.</summary>
public sealed record SeedError(string Key, string Page, string Code, int HttpStatus, string When, ZohoErrorClassification Expected)
{
    public override string ToString() => Key;
}
