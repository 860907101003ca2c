namespace Zoho.Crm;

/// <summary>Reads the state of a transfer-and-delete job, ahead of queued transfers, since only an ended job frees
/// the caller's job capacity.</summary>
internal sealed class TransferJobStatusOperation(ZohoApiTransport transport, SecretRedactor redactor)
{
    /// <summary>The job's state; a job Zoho does not know is an error of its own, as polling it further is pointless.</summary>
    public async Task<TransferJobStatus> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        ClientValidation.ThrowIfAny(ZohoOperation.GetTransferAndDeleteStatus, "job status request",
            ClientValidation.IsId(jobId) ? [] : [(ZohoErrorCodes.RequiredParamMissing, "jobId is required and must not contain whitespace.")]);

        var response = await transport.SendAsync(new ZohoApiRequest
        {
            Operation = ZohoOperation.GetTransferAndDeleteStatus,
            Method = HttpMethod.Get,
            Path = ["users", "actions", "transfer_and_delete"],
            Query = [ZohoApiRequest.Param("job_id", jobId)],
            // In a burst, transfers queue for the slots; an answer that a job has ended is what frees the caller's job
            // capacity and announces completion, so it must not wait behind them. There are never more status reads
            // than running jobs, so they cannot starve the transfers.
            Priority = CallPriority.High,
        }, cancellationToken).ConfigureAwait(false);

        if (response.IsNoContent)
        {
            throw new ZohoJobNotFoundException(jobId);
        }

        var item = response.FirstItem("transfer_and_delete") ?? response.Body!.Value;
        var raw = ZohoJson.GetString(item, "status");
        if (raw is null)
        {
            throw response.Unexpected(ZohoOperation.GetTransferAndDeleteStatus, "the answer has no job status");
        }

        return new TransferJobStatus(TransferJobStatus.Parse(raw), raw, redactor.Redact(ZohoJson.GetString(item, "reason")));
    }
}
