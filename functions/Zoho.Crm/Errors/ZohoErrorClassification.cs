namespace Zoho.Crm;

/// <summary>What a caller should do about a <see cref="ZohoCrmException"/>.</summary>
public enum ZohoErrorClassification
{
    /// <summary>Retrying the same request will fail the same way (bad input, permissions, scope, licence).</summary>
    Permanent,

    /// <summary>May succeed later (rate limits, server errors, job-scheduler limit, timeouts, dropped connections).</summary>
    Transient,

    /// <summary>
    /// The change the request asked for is already in place (e.g. the user to transfer-and-delete is already
    /// deleted, possibly by an earlier attempt whose answer was lost). Reconcile as done; do not resubmit.
    /// </summary>
    AlreadyDone,
}
