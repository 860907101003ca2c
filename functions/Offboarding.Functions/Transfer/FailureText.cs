using System.Globalization;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>How a failure is written into audit steps, failure reasons and logs: codes and types only, because exception
/// messages from lower layers are not trusted to be free of personal data.</summary>
internal static class FailureText
{
    public static string Describe(Exception ex) => ex switch
    {
        ZohoCrmException zoho => $"Zoho {zoho.Code} (HTTP {zoho.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "none"})",
        Azure.RequestFailedException storage => $"storage HTTP {storage.Status} {storage.ErrorCode}",
        _ => ex.GetType().Name,
    };
}
