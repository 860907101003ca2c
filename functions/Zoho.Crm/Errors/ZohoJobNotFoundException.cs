namespace Zoho.Crm;

/// <summary>
/// Zoho answered 204 to a transfer-and-delete status request: it knows no job with that id (wrong id, or a job
/// from another org or data centre). A <see cref="ZohoCrmException"/> with code <see cref="ZohoErrorCodes.ClientJobNotFound"/>.
/// </summary>
public sealed class ZohoJobNotFoundException : ZohoCrmException
{
    public ZohoJobNotFoundException()
        : this("")
    {
    }

    public ZohoJobNotFoundException(string jobId)
        : base(
            new ZohoErrorFacts(ZohoErrorCodes.ClientJobNotFound, ZohoOperation.GetTransferAndDeleteStatus, 204,
                Classification: ZohoErrorClassification.Permanent),
            $"Zoho CRM knows no transfer-and-delete job with id '{jobId}' (HTTP 204).")
    {
        JobId = jobId;
    }

    public ZohoJobNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        JobId = "";
    }

    /// <summary>The job id Zoho did not recognise.</summary>
    public string JobId { get; }
}
