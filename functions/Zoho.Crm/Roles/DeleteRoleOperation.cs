namespace Zoho.Crm;

/// <summary>Deletes a role and moves its users to another. Zoho does this synchronously, so a lost answer is settled
/// on the resend: a role already gone was deleted by the earlier attempt.</summary>
internal sealed class DeleteRoleOperation(ZohoApiTransport transport)
{
    /// <summary>Validates and sends, so a request Zoho would refuse is never sent.</summary>
    public async Task DeleteAsync(string roleId, string transferToRoleId, CancellationToken cancellationToken)
    {
        var problems = new List<(string Code, string Text)>();
        if (!ClientValidation.IsId(roleId))
        {
            problems.Add((ZohoErrorCodes.InvalidData, "roleId (the role to delete) is required and must not contain whitespace."));
        }

        if (!ClientValidation.IsId(transferToRoleId))
        {
            problems.Add((ZohoErrorCodes.RequiredParamMissing, "transferToRoleId (transfer_to_id) is required and must not contain whitespace."));
        }
        else if (string.Equals(roleId, transferToRoleId, StringComparison.Ordinal))
        {
            problems.Add((ZohoErrorCodes.InvalidData, "transferToRoleId is the role being deleted."));
        }

        ClientValidation.ThrowIfAny(ZohoOperation.DeleteRole, "role deletion", problems);
        await SendAsync(roleId, [ZohoApiRequest.Param("transfer_to_id", transferToRoleId)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a role deletion with the query as given (tests reach Zoho's own checks with it).</summary>
    public async Task SendAsync(string roleId, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.DeleteRole,
                Method = HttpMethod.Delete,
                Path = ["settings", "roles", roleId],
                Query = query,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex) when (ex.EarlierAttemptAmbiguous && ex.Code == ZohoErrorCodes.InvalidData &&
                                          ex.GetDetail("resource_path_index") is not null && ex.GetDetail("param_name") is null)
        {
            // The role in the URL no longer exists after an attempt whose answer was lost: that attempt deleted it.
            throw new ZohoCrmException(
                new ZohoErrorFacts(ex.Code, ZohoOperation.DeleteRole, ex.HttpStatus, ex.ZohoMessage, ex.Details, ZohoErrorClassification.AlreadyDone),
                ex.Message, ex)
            {
                Attempts = ex.Attempts,
                EarlierAttemptAmbiguous = true,
            };
        }
    }
}
