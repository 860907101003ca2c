using System.Text.Json;

namespace Zoho.Crm;

/// <summary>Turns a portal transfer answer (<c>{"users":[{code,details:{personality_id},message,status}]}</c>) into per-user outcomes.</summary>
internal static class PortalTransferReader
{
    public static IEnumerable<PortalUserTransferOutcome> Read(IReadOnlyList<string> sent, ZohoApiResponse response, SecretRedactor redactor)
    {
        var items = Items(response.Body);
        var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var unnamed = new List<JsonElement>();
        foreach (var item in items)
        {
            var id = item.TryGetProperty("details", out var d) ? ZohoJson.GetString(d, "personality_id") : null;
            if (id is not null)
            {
                byId[id] = item;
            }
            else
            {
                unnamed.Add(item);
            }
        }

        for (var i = 0; i < sent.Count; i++)
        {
            var id = sent[i];
            JsonElement? item = byId.TryGetValue(id, out var named) ? named
                : unnamed.Count == 1 ? unnamed[0] // one answer for the whole batch applies to every user in it
                : items.Count == sent.Count && unnamed.Count == items.Count ? items[i]
                : null;
            yield return item is { } found ? Outcome(id, found, response, redactor) : Missing(id, response);
        }
    }

    /// <summary>Every user of a batch that Zoho rejected as a whole (e.g. an invalid user type).</summary>
    public static IEnumerable<PortalUserTransferOutcome> RejectedBatch(IReadOnlyList<string> sent, ZohoCrmException error) =>
        sent.Select(id => new PortalUserTransferOutcome(id, false, error.Code, error.ZohoMessage, error.Classification));

    private static List<JsonElement> Items(JsonElement? body) =>
        body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("users", out var users) && users.ValueKind == JsonValueKind.Array
            ? users.EnumerateArray().ToList()
            : [];

    private static PortalUserTransferOutcome Outcome(string id, JsonElement item, ZohoApiResponse response, SecretRedactor redactor)
    {
        var message = redactor.Redact(ZohoJson.GetString(item, "message"));
        if (!ZohoErrorBody.TryRead(item, out var error))
        {
            return new PortalUserTransferOutcome(id, true, ZohoJson.GetString(item, "code") ?? "SUCCESS", message, null);
        }

        var classification = ZohoErrorClassifier.Classify(error.Code, response.Status, error.Details, ZohoOperation.TransferPortalUsers);

        // After an attempt whose answer was lost, "not in this user type" most likely means our own attempt moved them.
        if (response.EarlierAttemptAmbiguous && error.Code == ZohoErrorCodes.InvalidData)
        {
            classification = ZohoErrorClassification.AlreadyDone;
        }

        return new PortalUserTransferOutcome(id, false, error.Code, message, classification);
    }

    private static PortalUserTransferOutcome Missing(string id, ZohoApiResponse response) =>
        response.Status is >= 200 and <= 299
            ? new PortalUserTransferOutcome(id, true, "SUCCESS", null, null)
            : new PortalUserTransferOutcome(id, false, ZohoErrorCodes.ClientBatchRejected,
                "Not moved: Zoho rejected the call because of other users in it.", ZohoErrorClassification.Transient);
}
