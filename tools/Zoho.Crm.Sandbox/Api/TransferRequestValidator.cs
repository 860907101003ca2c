using System.Text.Json;
using System.Text.Json.Nodes;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>
/// Checks a transfer_and_delete body the way the Zoho page documents, one rule per documented error. URL
/// and array-shape errors answer alone; per-user errors answer wrapped in <c>transfer_and_delete</c>.
/// </summary>
public sealed class TransferRequestValidator(OrgFixture org)
{
    private const string Resource = "transfer_and_delete";
    private const string Root = "$.transfer_and_delete";

    /// <summary>Validates; returns null and sets <paramref name="request"/> when the request is acceptable.</summary>
    public ZohoResult? Validate(string? pathUserId, string body, string callerId, out TransferRequest? request)
    {
        request = null;
        if (pathUserId is not null && PathUserError(pathUserId) is { } pathError)
        {
            return pathError;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "null" : body);
        }
        catch (JsonException)
        {
            return ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidData, "the request body is not valid JSON");
        }

        if (root is not JsonObject rootObject || rootObject[Resource] is not JsonArray items || items.Count == 0)
        {
            return ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.MandatoryNotFound, "required field not found",
                ZohoErrors.Details(("api_name", Resource), ("json_path", Root)));
        }

        if (items.Count > 1)
        {
            return pathUserId is not null
                ? ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidData,
                    "only the user given in the URL can be deleted; the body must hold one object",
                    ZohoErrors.Details(("resource_path_index", 1), ("json_path", Root), ("maximum_length", 1)))
                : ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidData,
                    "only one user can be deleted at a time",
                    ZohoErrors.Details(("api_name", Resource), ("json_path", Root), ("maximum_length", 1)));
        }

        if (items[0] is not JsonObject item)
        {
            return Item(ZohoCodes.InvalidData, "invalid data", ("api_name", Resource), ("json_path", Root), ("expected_data_type", "jsonobject"));
        }

        return ValidateItem(pathUserId, item, callerId, out request);
    }

    private ZohoResult? PathUserError(string pathUserId)
    {
        var user = ZohoIds.IsWellFormed(pathUserId) ? org.FindUser(pathUserId) : null;
        if (user is null)
        {
            return ZohoErrors.InvalidId(resourcePathIndex: 1);
        }

        return user.IsDeleted
            ? ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidData, "the user id provided is already deleted.",
                ZohoErrors.Details(("resource_path_index", 1), ("owner_status", UserStatus.Deleted)))
            : null;
    }

    private ZohoResult? ValidateItem(string? pathUserId, JsonObject item, string callerId, out TransferRequest? request)
    {
        request = null;
        var bodyUserId = ReadId(item["id"]);
        if (pathUserId is null && bodyUserId is null)
        {
            return Item(ZohoCodes.MandatoryNotFound, "required field not found", ("api_name", "id"), ("json_path", $"{Root}.id"));
        }

        if (pathUserId is not null && bodyUserId is not null && pathUserId != bodyUserId)
        {
            return Item(ZohoCodes.InvalidData, "the user id in the URL and in the body differ",
                ("api_name", "id"), ("json_path", $"{Root}.id"), ("resource_path_index", 1));
        }

        var userId = pathUserId ?? bodyUserId!;
        if (UserToDeleteError(userId, callerId) is { } userError)
        {
            return userError;
        }

        var hasTransfer = item.ContainsKey("transfer");
        var hasMove = item.ContainsKey("move_subordinate");
        if (!hasTransfer && !hasMove)
        {
            var expected = new JsonArray(
                ZohoErrors.Details(("api_name", "transfer"), ("json_path", $"{Root}.transfer")),
                ZohoErrors.Details(("api_name", "move_subordinate"), ("json_path", $"{Root}.move_subordinate")));
            return Item(ZohoCodes.ExpectedFieldMissing, "either transfer or move_subordinate is expected", ("expected_data", expected));
        }

        string? transferTo = null;
        bool records = false, assignment = false, criteria = false;
        if (hasTransfer)
        {
            if (TransferError(item["transfer"], userId, out transferTo, out records, out assignment, out criteria) is { } transferError)
            {
                return transferError;
            }
        }

        string? moveTo = null;
        if (hasMove && MoveSubordinateError(item["move_subordinate"], userId, out moveTo) is { } moveError)
        {
            return moveError;
        }

        request = new TransferRequest(userId, transferTo, records, assignment, criteria, moveTo);
        return null;
    }

    private ZohoResult? UserToDeleteError(string userId, string callerId)
    {
        var path = $"{Root}.id";
        var user = ZohoIds.IsWellFormed(userId) ? org.FindUser(userId) : null;
        if (user is null)
        {
            return Item(ZohoCodes.InvalidData, "the id given seems to be invalid", ("api_name", "id"), ("json_path", path));
        }

        if (!user.CrmUser)
        {
            return Item(ZohoCodes.InvalidData, "the user is not a CRM user", ("api_name", "id"), ("json_path", path), ("owner_status", "not_crm_user"));
        }

        if (user.IsDeleted)
        {
            return Item(ZohoCodes.InvalidData, "the user id provided is already deleted.", ("api_name", "id"), ("json_path", path), ("owner_status", UserStatus.Deleted));
        }

        if (user.SuperAdmin)
        {
            return Item(ZohoCodes.NotAllowed, "Super Admin cannot be Deleted.", ("api_name", "id"), ("json_path", path));
        }

        return user.Id == callerId
            ? Item(ZohoCodes.NotAllowed, "You cannot delete yourself.", ("api_name", "id"), ("json_path", path))
            : null;
    }

    private ZohoResult? TransferError(JsonNode? node, string userId, out string? targetId, out bool records, out bool assignment, out bool criteria)
    {
        const string parent = "transfer";
        const string path = $"{Root}.transfer";
        targetId = null;
        records = assignment = criteria = false;
        if (node is not JsonObject transfer)
        {
            return Item(ZohoCodes.InvalidData, "invalid data", ("api_name", parent), ("json_path", path), ("expected_data_type", "jsonobject"));
        }

        targetId = ReadId(transfer["id"]);
        if (targetId is null)
        {
            return Item(ZohoCodes.MandatoryNotFound, "required field not found", ("api_name", "id"), ("parent_api_name", parent), ("json_path", $"{path}.id"));
        }

        var flagError = ReadFlag(transfer, "records", out records)
            ?? ReadFlag(transfer, "assignment", out assignment)
            ?? ReadFlag(transfer, "criteria", out criteria);
        if (flagError is not null)
        {
            return flagError;
        }

        return TargetUserError(targetId, userId, $"{path}.id", "transfer");
    }

    private ZohoResult? MoveSubordinateError(JsonNode? node, string userId, out string? targetId)
    {
        const string parent = "move_subordinate";
        const string path = $"{Root}.move_subordinate";
        targetId = null;
        if (node is not JsonObject move)
        {
            return Item(ZohoCodes.InvalidData, "invalid data", ("api_name", parent), ("json_path", path), ("expected_data_type", "jsonobject"));
        }

        targetId = ReadId(move["id"]);
        if (targetId is null)
        {
            return Item(ZohoCodes.MandatoryNotFound, "required field not found", ("api_name", "id"), ("parent_api_name", parent), ("json_path", $"{path}.id"));
        }

        if (TargetUserError(targetId, userId, $"{path}.id", "move the subordinates") is { } targetError)
        {
            return targetError;
        }

        return OrgHierarchy.ReportsTo(org, targetId, userId)
            ? Item(ZohoCodes.NotAllowed, "The user to whom you are trying to move the subordinates is a subordinate user.", ("api_name", "id"), ("json_path", $"{path}.id"))
            : null;
    }

    /// <summary>The rules a transfer or move_subordinate target shares: exists, CRM user, not deleted, active, not the leaver.</summary>
    private ZohoResult? TargetUserError(string targetId, string userId, string path, string purpose)
    {
        var target = ZohoIds.IsWellFormed(targetId) ? org.FindUser(targetId) : null;
        if (target is null || target.Id == userId)
        {
            return Item(ZohoCodes.InvalidData, $"The user to whom you are trying to {purpose} is invalid.", ("api_name", "id"), ("json_path", path));
        }

        string? ownerStatus = !target.CrmUser ? "not_crm_user" : target.IsDeleted ? UserStatus.Deleted : !target.IsActive ? UserStatus.Inactive : null;
        return ownerStatus is null
            ? null
            : Item(ZohoCodes.InvalidData, $"The user to whom you are trying to {purpose} is {ownerStatus.Replace('_', ' ')}.",
                ("api_name", "id"), ("json_path", path), ("owner_status", ownerStatus));
    }

    private static ZohoResult? ReadFlag(JsonObject transfer, string name, out bool value)
    {
        value = false;
        var node = transfer[name];
        if (node is null)
        {
            return Item(ZohoCodes.MandatoryNotFound, "required field not found", ("api_name", name), ("parent_api_name", "transfer"), ("json_path", $"{Root}.transfer.{name}"));
        }

        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Item(ZohoCodes.InvalidData, "invalid data", ("api_name", name), ("json_path", $"{Root}.transfer.{name}"), ("expected_data_type", "boolean"));
        }

        value = node.GetValue<bool>();
        return null;
    }

    /// <summary>Ids usually come as strings; a JSON number is accepted too. Anything else reads as missing.</summary>
    private static string? ReadId(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => node.ToJsonString(),
        _ => null,
    };

    private static ZohoResult Item(string code, string message, params (string Name, object? Value)[] details) =>
        ZohoErrors.Wrapped(StatusCodes.Status400BadRequest, Resource, code, message, ZohoErrors.Details(details));
}
