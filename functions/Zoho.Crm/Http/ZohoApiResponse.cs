using System.Globalization;
using System.Text.Json;

namespace Zoho.Crm;

/// <summary>A CRM answer the transport did not turn into an error: status and parsed body (null when empty).</summary>
internal sealed record ZohoApiResponse(int Status, JsonElement? Body)
{
    public bool IsNoContent => Status == 204 || Body is null;

    /// <summary>An earlier attempt of this call may have reached Zoho (so "already moved" answers may be our own doing).</summary>
    public bool EarlierAttemptAmbiguous { get; init; }

    /// <summary>The first item of the body's <paramref name="wrapper"/> array: Zoho answers one-item actions as a list.</summary>
    public JsonElement? FirstItem(string wrapper) =>
        Body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(wrapper, out var array) &&
        array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > 0
            ? array[0]
            : null;

    /// <summary>A success that lacks what the operation needs: permanent, since sending again would not add it.</summary>
    public ZohoCrmException Unexpected(ZohoOperation operation, string what) =>
        new(new ZohoErrorFacts(ZohoErrorCodes.ClientUnexpectedResponse, operation, Status, Classification: ZohoErrorClassification.Permanent),
            string.Create(CultureInfo.InvariantCulture, $"Zoho CRM {operation} answered HTTP {Status} but {what}."));
}
