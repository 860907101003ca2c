using System.Text.Json;

namespace Zoho.Crm;

/// <summary>A CRM answer the transport did not turn into an error: status and parsed body (null when empty).</summary>
internal sealed record ZohoApiResponse(int Status, JsonElement? Body)
{
    public bool IsNoContent => Status == 204 || Body is null;

    /// <summary>An earlier attempt of this call may have reached Zoho (so "already moved" answers may be our own doing).</summary>
    public bool EarlierAttemptAmbiguous { get; init; }
}
