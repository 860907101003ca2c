using Microsoft.Extensions.Logging;

namespace Zoho.Crm;

/// <summary>Schedules transfer-and-delete jobs. The job is irreversible and Zoho lists no jobs, so a resend after a
/// lost answer first reads the user (or, with resubmission off, there is no resend), and the user directory is told which
/// entries the job will change.</summary>
internal sealed class TransferAndDeleteOperation(ZohoClientContext context, ZohoApiTransport transport, ZohoUserLookup users)
{
    private readonly ZohoApiTransport _transport = transport;
    private readonly ZohoUserLookup _users = users;
    private readonly SecretRedactor _redactor = context.Redactor;
    private readonly ILogger _logger = context.Logger;
    private readonly bool _resubmitAfterUnknownOutcome = context.Options.ResubmitTransferAfterUnknownOutcome;

    /// <summary>Validates and sends one request, so nothing Zoho would refuse is ever sent.</summary>
    public async Task<TransferJob> ScheduleAsync(TransferAndDeleteRequest request, CancellationToken cancellationToken)
    {
        TransferAndDeleteValidation.ThrowIfInvalid(request);
        var response = await SendAsync(request.UrlForm ? request.UserId : null, TransferAndDeleteBody.Build(request),
            request.UserId, cancellationToken).ConfigureAwait(false);
        return ReadTransferJob(response);
    }

    /// <summary>Sends a body as given, without client-side validation (tests reach Zoho's own checks with it).</summary>
    public async Task<ZohoApiResponse> SendAsync(string? urlUserId, byte[] body, string? userIdToCheck, CancellationToken cancellationToken)
    {
        ZohoApiResponse response;
        try
        {
            response = await _transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.TransferAndDeleteUser,
                Method = HttpMethod.Post,
                Path = urlUserId is null ? ["users", "actions", "transfer_and_delete"] : ["users", urlUserId, "actions", "transfer_and_delete"],
                JsonBody = body,
                BeforeResendAfterAmbiguity = userIdToCheck is null || !_resubmitAfterUnknownOutcome ? null : ct => StopIfAlreadyDeletedAsync(userIdToCheck, ct),
                InsteadOfResendAfterAmbiguity = _resubmitAfterUnknownOutcome ? null : failure => OutcomeUnknown(userIdToCheck ?? urlUserId, failure),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (MayHaveScheduledJob(ex))
        {
            ExpectTransferAndDelete(userIdToCheck ?? urlUserId);
            throw;
        }

        ExpectTransferAndDelete(userIdToCheck ?? urlUserId);
        return response;
    }

    private async Task StopIfAlreadyDeletedAsync(string userId, CancellationToken cancellationToken)
    {
        ZohoLog.CheckingBeforeResubmit(_logger, ZohoOperation.TransferAndDeleteUser, userId);
        var user = await _users.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user?.Status == ZohoUserStatus.Deleted)
        {
            throw new ZohoCrmException(
                new ZohoErrorFacts(ZohoErrorCodes.ClientUserAlreadyDeleted, ZohoOperation.TransferAndDeleteUser,
                    Classification: ZohoErrorClassification.AlreadyDone),
                $"Zoho CRM reports user {userId} deleted after a transfer-and-delete attempt whose answer was lost; not resubmitting.")
            {
                EarlierAttemptAmbiguous = true,
            };
        }
    }

    // Resubmission off: the first answer that leaves the outcome open ends the call, unread and unsent again; the caller
    // checks the user once a job would have run (a read now would only find the user as before: the job runs later).
    private static ZohoCrmException OutcomeUnknown(string? userId, ZohoCrmException failure) =>
        new(ZohoErrorCodes.ClientOutcomeUnknown,
            $"A transfer-and-delete attempt for user {userId ?? "(unknown)"} may have reached Zoho without a clear answer ({failure.Code}); " +
            "not resubmitting (ResubmitTransferAfterUnknownOutcome is off). Check the user again later.",
            ZohoOperation.TransferAndDeleteUser)
        {
            EarlierAttemptAmbiguous = true,
            StopsRetries = true,
        };

    /// <summary>Only the users the job changes (the leaver, the leaver's reports) are read again on their next
    /// look-up; the rest of the cached listing stays valid.</summary>
    private void ExpectTransferAndDelete(string? userId)
    {
        if (userId is not null)
        {
            _users.ExpectTransferAndDelete(userId);
        }
    }

    /// <summary>False only when Zoho clearly refused the request, so no job exists for it.</summary>
    private static bool MayHaveScheduledJob(Exception ex) =>
        ex is not ZohoCrmException zoho || zoho.EarlierAttemptAmbiguous || zoho.Classification == ZohoErrorClassification.AlreadyDone;

    private TransferJob ReadTransferJob(ZohoApiResponse response)
    {
        var item = response.FirstItem("transfer_and_delete") ?? response.Body;
        if (item is { } found && ZohoErrorBody.TryRead(found, out var error))
        {
            // A failed item inside a 2xx answer.
            throw new ZohoCrmException(error.Code, ZohoCrmException.Describe(ZohoOperation.TransferAndDeleteUser, error.Code, response.Status,
                _redactor.Redact(error.Message)), ZohoOperation.TransferAndDeleteUser, response.Status, _redactor.Redact(error.Message), error.Details);
        }

        var details = item is { } i && i.TryGetProperty("details", out var d) ? d : default;
        var jobId = ZohoJson.GetString(details, "jobId") ?? ZohoJson.GetString(details, "job_id");
        if (string.IsNullOrEmpty(jobId))
        {
            // The job may well be scheduled; without its id it cannot be polled. Permanent, so nothing resubmits it.
            throw response.Unexpected(ZohoOperation.TransferAndDeleteUser, "the answer has no jobId/job_id");
        }

        return new TransferJob(jobId) { UserId = ZohoJson.GetString(details, "id"), EarlierAttemptAmbiguous = response.EarlierAttemptAmbiguous };
    }
}
