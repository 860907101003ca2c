namespace Zoho.Crm;

/// <summary>
/// Which Zoho CRM environment of an org to call. Refresh tokens are bound to one environment, and each
/// environment has its own API host in every data centre.
/// </summary>
public enum ZohoEnvironment
{
    /// <summary>The live org: <c>https://www.zohoapis.{tld}</c>.</summary>
    Production,

    /// <summary>The org's sandbox: <c>https://sandbox.zohoapis.{tld}</c>.</summary>
    Sandbox,

    /// <summary>A developer edition org: <c>https://developer.zohoapis.{tld}</c>.</summary>
    Developer,
}
