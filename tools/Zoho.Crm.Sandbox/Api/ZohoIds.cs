namespace Zoho.Crm.Sandbox.Api;

/// <summary>Zoho record ids are numeric strings of up to 19 digits.</summary>
public static class ZohoIds
{
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 19 && id.All(char.IsAsciiDigit);
}
