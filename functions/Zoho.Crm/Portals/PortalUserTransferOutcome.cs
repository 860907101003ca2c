namespace Zoho.Crm;

/// <summary>What happened to one portal user in a user-type transfer.</summary>
/// <param name="PersonalityId">The portal user (personality) id.</param>
/// <param name="Succeeded">Zoho moved the user to the target user type.</param>
/// <param name="Code">Zoho's per-user code (<c>SUCCESS</c>, <c>INVALID_DATA</c>, …).</param>
/// <param name="Message">Zoho's per-user message, informational only.</param>
/// <param name="Classification">For a failure, what to do about it; null on success.</param>
public sealed record PortalUserTransferOutcome(
    string PersonalityId,
    bool Succeeded,
    string Code,
    string? Message,
    ZohoErrorClassification? Classification);
