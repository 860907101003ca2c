namespace Offboarding.Functions.Intake;

/// <summary>
/// A webhook message id came back carrying another request while the offboarding its first copy claimed is not
/// stored yet: it is not a new request, and there is nothing to answer it with yet.
/// </summary>
public sealed class WebhookMessageConflictException : Exception
{
    public WebhookMessageConflictException()
    {
    }

    public WebhookMessageConflictException(string offboardingId)
        : base($"The webhook message id was first seen for offboarding {offboardingId}, which is not stored yet.") => OffboardingId = offboardingId;

    public WebhookMessageConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? OffboardingId { get; }
}
