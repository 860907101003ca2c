namespace Zoho.Crm;

/// <summary>The checks Zoho applies to a transfer-and-delete body that can be made without asking Zoho.</summary>
internal static class TransferAndDeleteValidation
{
    /// <summary>Throws a client-side <see cref="ZohoCrmException"/> naming every problem, using Zoho's code for the first.</summary>
    public static void ThrowIfInvalid(TransferAndDeleteRequest request)
    {
        var problems = new List<(string Code, string Text)>();
        if (!ClientValidation.IsId(request.UserId))
        {
            problems.Add((ZohoErrorCodes.MandatoryNotFound, "UserId (the user to delete) is required and must not contain whitespace."));
        }

        var hasTransfer = request.TransferToUserId is not null;
        var hasSubordinates = request.SubordinatesTargetUserId is not null;
        if (!hasTransfer && !hasSubordinates)
        {
            problems.Add((ZohoErrorCodes.ExpectedFieldMissing, "Give TransferToUserId (transfer) and/or SubordinatesTargetUserId (move_subordinate)."));
        }

        if (hasTransfer && !ClientValidation.IsId(request.TransferToUserId))
        {
            problems.Add((ZohoErrorCodes.MandatoryNotFound, "TransferToUserId (transfer.id) must be a user id without whitespace."));
        }

        if (hasSubordinates && !ClientValidation.IsId(request.SubordinatesTargetUserId))
        {
            problems.Add((ZohoErrorCodes.MandatoryNotFound, "SubordinatesTargetUserId (move_subordinate.id) must be a user id without whitespace."));
        }

        if (hasTransfer && string.Equals(request.TransferToUserId, request.UserId, StringComparison.Ordinal))
        {
            problems.Add((ZohoErrorCodes.InvalidData, "TransferToUserId is the user being deleted."));
        }

        if (hasSubordinates && string.Equals(request.SubordinatesTargetUserId, request.UserId, StringComparison.Ordinal))
        {
            problems.Add((ZohoErrorCodes.InvalidData, "SubordinatesTargetUserId is the user being deleted."));
        }

        ClientValidation.ThrowIfAny(ZohoOperation.TransferAndDeleteUser, "transfer-and-delete request", problems);
    }
}
