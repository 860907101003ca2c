namespace Zoho.Crm;

/// <summary>What one logical call has been through so far, across its attempts.</summary>
internal sealed class ZohoCallState(ZohoApiRequest request)
{
    public ZohoApiRequest Request { get; } = request;

    /// <summary>HTTP attempts made, including the one after a token refresh.</summary>
    public int Attempts { get; set; }

    /// <summary>The one refresh-and-retry after INVALID_TOKEN has been used.</summary>
    public bool TokenRefreshed { get; set; }

    /// <summary>The most recent attempt may have reached Zoho without its answer arriving intact.</summary>
    public bool LastAttemptAmbiguous { get; set; }

    /// <summary>Some attempt before the current one was ambiguous.</summary>
    public bool EarlierAttemptAmbiguous { get; set; }
}
