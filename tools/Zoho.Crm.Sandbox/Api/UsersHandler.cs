using System.Globalization;
using System.Text.Json.Nodes;
using Zoho.Crm.Sandbox.Engine;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>Get Users (<c>type</c>, <c>page</c>, <c>per_page</c> ≤ 200, <c>ids</c> ≤ 100; 204 when empty) and get one user.</summary>
public sealed class UsersHandler(SandboxState state)
{
    private const int MaxPerPage = 200;
    private const int MaxIds = 100;

    public ZohoResult List(ApiCall call)
    {
        var type = call.Parameter("type") ?? UserTypeFilter.Default;
        if (!UserTypeFilter.IsKnown(type))
        {
            return ZohoErrors.InvalidParameter("type", "invalid type given");
        }

        var roleId = call.Parameter("role_id");
        if (UserTypeFilter.NeedsRole(type) && roleId is null)
        {
            return ZohoErrors.RequiredParamMissing("role_id");
        }

        if (!TryReadInt(call, "page", 1, int.MaxValue, out var page, out var pageError))
        {
            return pageError;
        }

        if (!TryReadInt(call, "per_page", MaxPerPage, MaxPerPage, out var perPage, out var perPageError))
        {
            return perPageError;
        }

        var users = UserTypeFilter.Apply(type, state.Org, call.RequireCaller().UserId, roleId);
        if (call.Parameter("ids") is { } idList)
        {
            var ids = idList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > MaxIds || ids.Any(id => !ZohoIds.IsWellFormed(id)))
            {
                return ZohoErrors.InvalidParameter("ids", "invalid ids given", ("maximum_length", MaxIds));
            }

            users = users.Where(u => ids.Contains(u.Id));
        }

        var matching = users.OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
        var pageItems = matching.Skip((int)Math.Min((long)(page - 1) * perPage, int.MaxValue)).Take(perPage).ToList();
        if (pageItems.Count == 0)
        {
            return ZohoResult.NoContent;
        }

        var body = new JsonObject
        {
            ["users"] = new JsonArray([.. pageItems.Select(u => UserRepresentation.ToJson(u, state.Org))]),
            ["info"] = new JsonObject
            {
                ["per_page"] = perPage,
                ["count"] = pageItems.Count,
                ["page"] = page,
                ["more_records"] = (long)page * perPage < matching.Count,
            },
        };
        return ZohoResult.Ok(body, code: null);
    }

    public ZohoResult Get(ApiCall call)
    {
        var id = call.Route("id");
        var user = ZohoIds.IsWellFormed(id) ? state.Org.FindUser(id) : null;
        if (user is null || !user.CrmUser)
        {
            return ZohoErrors.InvalidId(resourcePathIndex: 1);
        }

        return ZohoResult.Ok(new JsonObject { ["users"] = new JsonArray(UserRepresentation.ToJson(user, state.Org)) }, code: null);
    }

    private static bool TryReadInt(ApiCall call, string name, int fallback, int max, out int value, out ZohoResult error)
    {
        error = ZohoResult.NoContent;
        var raw = call.Parameter(name);
        if (raw is null)
        {
            value = fallback;
            return true;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max)
        {
            return true;
        }

        error = ZohoErrors.InvalidParameter(name, $"invalid value for {name}", ("expected_data_type", "integer"), ("maximum_length", max));
        return false;
    }
}
