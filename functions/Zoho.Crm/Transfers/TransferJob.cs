namespace Zoho.Crm;

/// <summary>A transfer-and-delete job Zoho scheduled. Persist <see cref="JobId"/> before anything else: it is the only handle.</summary>
/// <param name="JobId">Zoho's job id (from <c>details.jobId</c> or <c>details.job_id</c>).</param>
public sealed record TransferJob(string JobId)
{
    /// <summary>The user being deleted, as Zoho echoed it (<c>details.id</c>), when it did.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// An earlier attempt may have reached Zoho and the request was sent again, so Zoho may hold a second job for the user:
    /// if this job fails, check whether the user is deleted before treating the offboarding as failed.
    /// </summary>
    public bool EarlierAttemptAmbiguous { get; init; }
}
