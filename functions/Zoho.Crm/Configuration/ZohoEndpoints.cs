namespace Zoho.Crm;

/// <summary>The accounts server and CRM API domain that a client talks to.</summary>
/// <param name="AccountsUri">Where the OAuth token endpoint lives (<c>{AccountsUri}/oauth/v2/token</c>).</param>
/// <param name="ApiUri">The CRM API domain (<c>{ApiUri}/crm/{version}/…</c>) until a token response names another.</param>
public sealed record ZohoEndpoints(Uri AccountsUri, Uri ApiUri)
{
    /// <summary>The endpoints of a data centre and environment, from Zoho's multi-DC documentation.</summary>
    public static ZohoEndpoints For(ZohoDataCenter dataCenter, ZohoEnvironment environment = ZohoEnvironment.Production)
    {
        // The accounts host does not follow the API host's pattern everywhere (Canada uses zohocloud.ca),
        // so each pair is spelled out rather than derived.
        var (accounts, apiTld) = dataCenter switch
        {
            ZohoDataCenter.US => ("https://accounts.zoho.com", "com"),
            ZohoDataCenter.EU => ("https://accounts.zoho.eu", "eu"),
            ZohoDataCenter.IN => ("https://accounts.zoho.in", "in"),
            ZohoDataCenter.AU => ("https://accounts.zoho.com.au", "com.au"),
            ZohoDataCenter.JP => ("https://accounts.zoho.jp", "jp"),
            ZohoDataCenter.CN => ("https://accounts.zoho.com.cn", "com.cn"),
            ZohoDataCenter.CA => ("https://accounts.zohocloud.ca", "ca"),
            ZohoDataCenter.SA => ("https://accounts.zoho.sa", "sa"),
            _ => throw new ArgumentOutOfRangeException(nameof(dataCenter), dataCenter, "Unknown Zoho data centre."),
        };

        var apiHost = environment switch
        {
            ZohoEnvironment.Production => "www",
            ZohoEnvironment.Sandbox => "sandbox",
            ZohoEnvironment.Developer => "developer",
            _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Unknown Zoho environment."),
        };

        return new ZohoEndpoints(new Uri(accounts), new Uri($"https://{apiHost}.zohoapis.{apiTld}"));
    }
}
