namespace Zoho.Crm;

/// <summary>Moves portal users between user types in batches Zoho accepts, and gives every user an outcome, since
/// Zoho may refuse a whole batch for the sake of a few ids.</summary>
internal sealed class PortalTransferOperation(ZohoApiTransport transport, SecretRedactor redactor, int batchSize)
{
    /// <summary>Validates, then sends the ids batch by batch, sending refused-with-others ids once more on their own.</summary>
    public async Task<PortalUserTypeTransferResult> TransferAsync(string portalName, string fromUserTypeId, string toUserTypeId,
        IReadOnlyList<string> personalityIds, CancellationToken cancellationToken)
    {
        var ids = PortalTransferValidation.ThrowIfInvalid(portalName, fromUserTypeId, toUserTypeId, personalityIds);

        var outcomes = new List<PortalUserTransferOutcome>(ids.Count);
        var calls = 0;
        foreach (var batch in ids.Chunk(batchSize))
        {
            calls++;
            var query = Query(toUserTypeId, batch);
            var batchOutcomes = (await SendAsync(portalName, fromUserTypeId, query, batch, cancellationToken).ConfigureAwait(false)).ToList();

            // Zoho may refuse a whole call because of some ids; the others are sent once more on their own.
            var refused = batchOutcomes.Where(o => o.Code == ZohoErrorCodes.ClientBatchRejected).Select(o => o.PersonalityId).ToList();
            if (refused.Count > 0 && refused.Count < batch.Length)
            {
                calls++;
                var retried = (await SendAsync(portalName, fromUserTypeId, Query(toUserTypeId, refused), refused, cancellationToken).ConfigureAwait(false))
                    .ToDictionary(o => o.PersonalityId, StringComparer.Ordinal);
                batchOutcomes = batchOutcomes.Select(o => retried.GetValueOrDefault(o.PersonalityId, o)).ToList();
            }

            outcomes.AddRange(batchOutcomes);
        }

        return new PortalUserTypeTransferResult(portalName, fromUserTypeId, toUserTypeId, outcomes) { Calls = calls };
    }

    /// <summary>Sends one portal transfer call with the query as given and reads per-user outcomes.</summary>
    public async Task<IEnumerable<PortalUserTransferOutcome>> SendAsync(string portalName, string fromUserTypeId,
        IReadOnlyList<KeyValuePair<string, string>> query, IReadOnlyList<string> batch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await transport.SendAsync(new ZohoApiRequest
            {
                Operation = ZohoOperation.TransferPortalUsers,
                Method = HttpMethod.Post,
                Path = ["settings", "portals", portalName, "user_type", fromUserTypeId, "users", "action", "transfer"],
                Query = query,
                ReturnsItemErrors = true,
            }, cancellationToken).ConfigureAwait(false);
            return PortalTransferReader.Read(batch, response, redactor).ToList();
        }
        catch (ZohoCrmException ex) when (ex.Code == ZohoErrorCodes.InvalidData)
        {
            // Zoho rejected the batch as a whole (e.g. an invalid user type): every user in it failed for that reason.
            return PortalTransferReader.RejectedBatch(batch, ex).ToList();
        }
    }

    private static KeyValuePair<string, string>[] Query(string toUserTypeId, IEnumerable<string> personalityIds) =>
        [ZohoApiRequest.Param("transfer_To", toUserTypeId), ZohoApiRequest.Param("personality_ids", string.Join(',', personalityIds))];
}
