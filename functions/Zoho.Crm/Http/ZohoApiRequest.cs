namespace Zoho.Crm;

/// <summary>One logical CRM call, as the operations describe it to the transport.</summary>
internal sealed class ZohoApiRequest
{
    public required ZohoOperation Operation { get; init; }

    public required HttpMethod Method { get; init; }

    /// <summary>Path after <c>/crm/{version}/</c>, segments already escaped.</summary>
    public required string Path { get; init; }

    /// <summary>Query string without the leading '?', values already escaped; null for none.</summary>
    public string? Query { get; init; }

    /// <summary>UTF-8 JSON body, if any.</summary>
    public byte[]? JsonBody { get; init; }

    /// <summary>
    /// 4xx answers whose body lists per-item results (e.g. portal transfers) are returned instead of thrown, so the
    /// caller can report each item. Top-level errors, 429 and 5xx are still thrown.
    /// </summary>
    public bool ReturnsItemErrors { get; init; }

    /// <summary>
    /// Runs before sending again after an attempt that may have reached Zoho (timeout, dropped connection, 5xx).
    /// Irreversible operations use it to find out whether the first attempt took effect; it may throw an
    /// <see cref="ZohoErrorClassification.AlreadyDone"/> error to stop the resubmission.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeResendAfterAmbiguity { get; init; }
}
