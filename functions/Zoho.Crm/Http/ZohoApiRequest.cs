namespace Zoho.Crm;

/// <summary>One logical CRM call, as the operations describe it to the transport.</summary>
internal sealed class ZohoApiRequest
{
    public required ZohoOperation Operation { get; init; }

    public required HttpMethod Method { get; init; }

    /// <summary>Path segments after <c>/crm/{version}/</c>, as plain text: each is escaped when the URL is built.</summary>
    public required IReadOnlyList<string> Path { get; init; }

    /// <summary>Query parameters, as plain text: escaped when the URL is built.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>UTF-8 JSON body, if any.</summary>
    public byte[]? JsonBody { get; init; }

    /// <summary>
    /// 4xx answers whose body lists per-item results (e.g. portal transfers) are returned instead of thrown, so the
    /// caller can report each item. Top-level errors, 429 and 5xx are still thrown.
    /// </summary>
    public bool ReturnsItemErrors { get; init; }

    /// <summary>
    /// Runs before resending after an attempt that may have reached Zoho, so an irreversible operation can check whether it
    /// took effect; may throw an <see cref="ZohoErrorClassification.AlreadyDone"/> error to stop the resend.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeResendAfterAmbiguity { get; init; }

    /// <summary>
    /// When set, an attempt that may have reached Zoho is never resent: the error this makes of the attempt's failure is
    /// thrown at once instead (it should stop retries), for callers that verify such an outcome themselves.
    /// </summary>
    public Func<ZohoCrmException, ZohoCrmException>? InsteadOfResendAfterAmbiguity { get; init; }

    /// <summary>Its place among calls waiting for one of the client's concurrency slots.</summary>
    public CallPriority Priority { get; init; } = CallPriority.Normal;

    /// <summary>The path as logged: segments escaped, no query (it may carry ids, never secrets, but stays short).</summary>
    public string DisplayPath(string apiVersion) => "/crm/" + apiVersion + "/" + string.Join('/', Path.Select(Uri.EscapeDataString));

    public static KeyValuePair<string, string> Param(string name, string value) => new(name, value);
}
