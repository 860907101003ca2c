using System.Globalization;
using System.Text.Json;

namespace Zoho.Crm;

/// <summary>
/// The client's one error type (Zoho error, OAuth failure, transport failure after retries, or a request refused before
/// sending). Branch on <see cref="Classification"/> and <see cref="Code"/>; the message never holds tokens or secrets.
/// </summary>
public class ZohoCrmException : Exception
{
    public ZohoCrmException()
        : this(ZohoErrorCodes.ClientUnexpectedResponse, "Zoho CRM call failed.", ZohoOperation.Unspecified)
    {
    }

    public ZohoCrmException(string message)
        : this(ZohoErrorCodes.ClientUnexpectedResponse, message, ZohoOperation.Unspecified)
    {
    }

    public ZohoCrmException(string message, Exception innerException)
        : this(new ZohoErrorFacts(ZohoErrorCodes.ClientUnexpectedResponse, ZohoOperation.Unspecified), message, innerException)
    {
    }

    /// <summary>Creates an error; the classification is derived from the code, status and details.</summary>
    public ZohoCrmException(
        string code,
        string message,
        ZohoOperation operation,
        int? httpStatus = null,
        string? zohoMessage = null,
        JsonElement? details = null)
        : this(new ZohoErrorFacts(code ?? throw new ArgumentNullException(nameof(code)), operation, httpStatus, zohoMessage, details), message)
    {
    }

    /// <summary>Creates an error from its facts; the classification is derived unless the facts give one.</summary>
    internal ZohoCrmException(ZohoErrorFacts facts, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = facts.Code;
        Operation = facts.Operation;
        HttpStatus = facts.HttpStatus;
        ZohoMessage = facts.ZohoMessage;
        Details = facts.Details?.Clone();
        Classification = facts.Classification ?? ZohoErrorClassifier.Classify(facts.Code, facts.HttpStatus, facts.Details, facts.Operation);
    }

    /// <summary>Zoho's <c>code</c> (or OAuth <c>error</c>); <c>CLIENT_…</c> when the client raised it.</summary>
    public string Code { get; }

    /// <summary>The operation that failed.</summary>
    public ZohoOperation Operation { get; }

    /// <summary>HTTP status of Zoho's answer; null when there was none (validation, timeout, dropped connection).</summary>
    public int? HttpStatus { get; }

    /// <summary>Zoho's human-readable <c>message</c> (redacted); informational only.</summary>
    public string? ZohoMessage { get; }

    /// <summary>Zoho's <c>details</c> object (e.g. <c>owner_status</c>, <c>param_name</c>, <c>json_path</c>), when sent.</summary>
    public JsonElement? Details { get; }

    /// <summary>What to do about it.</summary>
    public ZohoErrorClassification Classification { get; }

    /// <summary>True when the request was rejected by the client before anything was sent to Zoho.</summary>
    public bool IsClientValidation { get; init; }

    /// <summary>How many HTTP attempts the client made (0 for client-side validation).</summary>
    public int Attempts { get; internal set; }

    /// <summary>
    /// True when an earlier attempt of this call may have reached Zoho without its answer arriving (timeout,
    /// dropped connection, 5xx). Relevant to irreversible operations: see <see cref="ZohoCrmClient.TransferAndDeleteUserAsync"/>.
    /// </summary>
    public bool EarlierAttemptAmbiguous { get; internal set; }

    /// <summary>Set on errors the client's own retry loop must not retry even though they are transient.</summary>
    internal bool StopsRetries { get; init; }

    /// <summary>Wait suggested by Zoho (Retry-After or rate-limit headers), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when Zoho refused a transfer-and-delete because the org's concurrent-job limit is reached (nothing was scheduled).</summary>
    public bool IsJobLimitReached => Code == ZohoErrorCodes.ConcurrentJobLimitExceeded;

    /// <summary>True when the org's API credits are exhausted (Zoho's 429 saying so), or the client's credit gate held the call
    /// back unsent (<see cref="ZohoErrorCodes.ClientCreditsExhausted"/>): wait, do not retry now.</summary>
    public bool IsCreditsExhausted => Code == ZohoErrorCodes.ClientCreditsExhausted || ZohoCreditSignal.IsExhaustion(Code, HttpStatus, ZohoMessage);

    /// <summary>The org's concurrent-job limit as Zoho reported it with the refusal (<c>details.limit</c>), when it did.</summary>
    public int? JobLimit =>
        IsJobLimitReached && int.TryParse(GetDetail("limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit >= 0 ? limit : null;

    /// <summary>Details value as a string, or null; a convenience for <c>owner_status</c>, <c>param_name</c> and friends.</summary>
    public string? GetDetail(string name)
    {
        if (Details is not { ValueKind: JsonValueKind.Object } d || !d.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    /// <summary>Builds the standard message for an error answer from Zoho.</summary>
    internal static string Describe(ZohoOperation operation, string code, int? httpStatus, string? zohoMessage)
    {
        var status = httpStatus is int s ? string.Create(CultureInfo.InvariantCulture, $" (HTTP {s})") : "";
        var text = string.IsNullOrEmpty(zohoMessage) ? "" : $": {zohoMessage}";
        return $"Zoho CRM {operation} failed with {code}{status}{text}";
    }
}
