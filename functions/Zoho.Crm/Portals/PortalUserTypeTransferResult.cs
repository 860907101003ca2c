namespace Zoho.Crm;

/// <summary>The per-user results of moving portal users from one user type to another.</summary>
public sealed record PortalUserTypeTransferResult(
    string PortalName,
    string FromUserTypeId,
    string ToUserTypeId,
    IReadOnlyList<PortalUserTransferOutcome> Users)
{
    /// <summary>How many Zoho calls the transfer took (long id lists are split).</summary>
    public int Calls { get; init; }

    /// <summary>Every user was moved (or had been moved by an earlier attempt whose answer was lost).</summary>
    public bool AllSucceeded => Users.All(u => u.Succeeded || u.Classification == ZohoErrorClassification.AlreadyDone);
}
