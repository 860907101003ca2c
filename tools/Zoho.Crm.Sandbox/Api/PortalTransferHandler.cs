using System.Text.Json.Nodes;
using Zoho.Crm.Sandbox.Engine;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>
/// Transfer users of a portal user type to another (<c>transfer_To</c>, <c>personality_ids</c>; names are
/// case-sensitive). All or nothing: one invalid personality id rejects the call and nobody moves.
/// </summary>
public sealed class PortalTransferHandler(SandboxState state)
{
    public ZohoResult Transfer(ApiCall call)
    {
        var org = state.Org;
        var caller = org.FindUser(call.RequireCaller().UserId);
        if (org.FindProfile(caller?.ProfileId) is not { Permissions.ClientPortalUser: true })
        {
            return ZohoErrors.Top(StatusCodes.Status403Forbidden, ZohoCodes.NoPermission, "The Client Portal User permission is disabled");
        }

        var targetTypeId = call.Parameter("transfer_To");
        if (targetTypeId is null)
        {
            return ZohoErrors.RequiredParamMissing("transfer_To");
        }

        var idList = call.Parameter("personality_ids");
        if (idList is null)
        {
            return ZohoErrors.RequiredParamMissing("personality_ids");
        }

        var portal = org.FindPortal(call.Route("portal") ?? "");
        if (portal is null)
        {
            return ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidData, "invalid portal name", ZohoErrors.Details(("resource_path_index", 2)));
        }

        var source = portal.FindUserType(call.Route("userType"));
        if (source is null)
        {
            return ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidData, "invalid user type", ZohoErrors.Details(("resource_path_index", 4)));
        }

        var target = portal.FindUserType(targetTypeId);
        if (target is null || target.Id == source.Id)
        {
            return ZohoErrors.InvalidParameter("transfer_To", "invalid user type");
        }

        if (!target.Custom)
        {
            return ZohoErrors.InvalidParameter("transfer_To", "users can only be transferred to a custom user type");
        }

        var ids = idList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var max = state.Settings.PortalTransferMaxIds;
        if (ids.Count > max)
        {
            return ZohoErrors.InvalidParameter("personality_ids", $"at most {max} personality ids per call", ("maximum_length", max));
        }

        var invalid = ids.Where(id => !portal.Users.Exists(u => u.PersonalityId == id && u.UserTypeId == source.Id)).ToList();
        if (invalid.Count > 0)
        {
            var errors = invalid.Select(id => (JsonNode)ZohoErrors.Entry(ZohoCodes.InvalidData, "invalid personality id", ZohoErrors.Details(("personality_id", id))));
            return new ZohoResult(StatusCodes.Status400BadRequest, new JsonObject { ["users"] = new JsonArray([.. errors]) }, ZohoCodes.InvalidData);
        }

        if (target.LicenseLimit is { } limit && portal.Users.Count(u => u.UserTypeId == target.Id) + ids.Count > limit)
        {
            return ZohoErrors.Top(StatusCodes.Status403Forbidden, ZohoCodes.LicenseLimitExceeded, "You have exceeded the license limit for portals for your org",
                ZohoErrors.Details(("limit", limit)));
        }

        return Move(portal, ids, target);
    }

    private static ZohoResult Move(FixturePortal portal, List<string> ids, FixtureUserType target)
    {
        var results = new JsonArray();
        foreach (var user in portal.Users.Where(u => ids.Contains(u.PersonalityId)))
        {
            user.UserTypeId = target.Id;
            results.Add(ZohoErrors.Entry(ZohoCodes.Success, "User has been transferred successfully", ZohoErrors.Details(("personality_id", user.PersonalityId)), "success"));
        }

        return ZohoResult.Ok(new JsonObject { ["users"] = results });
    }
}
