namespace Zoho.Crm;

/// <summary>Checks a portal user-type transfer before sending; returns the distinct personality ids to send.</summary>
internal static class PortalTransferValidation
{
    public static List<string> ThrowIfInvalid(string portalName, string fromUserTypeId, string toUserTypeId, IReadOnlyList<string> personalityIds)
    {
        var problems = new List<(string Code, string Text)>();
        if (string.IsNullOrWhiteSpace(portalName) || portalName.Any(c => char.IsControl(c) || c == '/'))
        {
            problems.Add((ZohoErrorCodes.InvalidData, "portalName is required and must not contain '/' or control characters."));
        }

        if (!ClientValidation.IsId(fromUserTypeId))
        {
            problems.Add((ZohoErrorCodes.InvalidData, "fromUserTypeId is required and must not contain whitespace."));
        }

        if (!ClientValidation.IsId(toUserTypeId))
        {
            problems.Add((ZohoErrorCodes.RequiredParamMissing, "toUserTypeId (transfer_To) is required and must not contain whitespace."));
        }
        else if (string.Equals(fromUserTypeId, toUserTypeId, StringComparison.Ordinal))
        {
            problems.Add((ZohoErrorCodes.InvalidData, "toUserTypeId is the user type the users are already in."));
        }

        if (personalityIds.Count == 0)
        {
            problems.Add((ZohoErrorCodes.RequiredParamMissing, "personalityIds (personality_ids) must name at least one portal user."));
        }

        var bad = personalityIds.Where(id => !ClientValidation.IsId(id)).Take(3).ToList();
        if (bad.Count > 0)
        {
            problems.Add((ZohoErrorCodes.InvalidData, "personalityIds must be ids without whitespace or commas (first bad: " +
                string.Join(", ", bad.Select(b => $"'{b}'")) + ")."));
        }

        ClientValidation.ThrowIfAny(ZohoOperation.TransferPortalUsers, "portal user transfer", problems);
        return personalityIds.Distinct(StringComparer.Ordinal).ToList();
    }
}
