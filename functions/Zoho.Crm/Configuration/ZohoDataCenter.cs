namespace Zoho.Crm;

/// <summary>
/// The Zoho data centres that host Zoho CRM. An org lives in exactly one; its accounts server and API
/// domain must both belong to that data centre (a token from one is rejected by another).
/// </summary>
public enum ZohoDataCenter
{
    /// <summary>United States: accounts.zoho.com, www.zohoapis.com.</summary>
    US,

    /// <summary>Europe: accounts.zoho.eu, www.zohoapis.eu.</summary>
    EU,

    /// <summary>India: accounts.zoho.in, www.zohoapis.in.</summary>
    IN,

    /// <summary>Australia: accounts.zoho.com.au, www.zohoapis.com.au.</summary>
    AU,

    /// <summary>Japan: accounts.zoho.jp, www.zohoapis.jp.</summary>
    JP,

    /// <summary>China: accounts.zoho.com.cn, www.zohoapis.com.cn.</summary>
    CN,

    /// <summary>Canada: accounts.zohocloud.ca, www.zohoapis.ca.</summary>
    CA,

    /// <summary>Saudi Arabia: accounts.zoho.sa, www.zohoapis.sa.</summary>
    SA,
}
