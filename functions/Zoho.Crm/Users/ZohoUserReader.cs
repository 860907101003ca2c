using System.Text.Json;

namespace Zoho.Crm;

/// <summary>Reads users from Zoho's <c>{"users":[…],"info":{…}}</c> answers.</summary>
internal static class ZohoUserReader
{
    public static List<ZohoUser> ReadUsers(JsonElement? body)
    {
        var users = new List<ZohoUser>();
        if (body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("users", out var array) &&
            array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (Read(item) is { } user)
                {
                    users.Add(user);
                }
            }
        }

        return users;
    }

    /// <summary><c>info.more_records</c>; false when absent.</summary>
    public static bool HasMoreRecords(JsonElement? body) =>
        body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("info", out var info) &&
        ZohoJson.GetBoolean(info, "more_records") == true;

    public static ZohoUser? Read(JsonElement item)
    {
        var id = ZohoJson.GetString(item, "id");
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var rawStatus = ZohoJson.GetString(item, "status");
        var role = Child(item, "role");
        var profile = Child(item, "profile");
        var reportingTo = Child(item, "Reporting_To");
        return new ZohoUser
        {
            Id = id,
            Email = ZohoJson.GetString(item, "email"),
            FullName = ZohoJson.GetString(item, "full_name") ?? JoinName(item),
            RawStatus = rawStatus,
            Status = ParseStatus(rawStatus),
            IsConfirmed = ZohoJson.GetBoolean(item, "confirm") ?? false,
            RoleId = role is { } r ? ZohoJson.GetString(r, "id") : null,
            RoleName = role is { } rn ? ZohoJson.GetString(rn, "name") : null,
            ProfileId = profile is { } p ? ZohoJson.GetString(p, "id") : null,
            ProfileName = profile is { } pn ? ZohoJson.GetString(pn, "name") : null,
            IsSuperAdmin = (ZohoJson.GetBoolean(item, "super_admin") ?? ZohoJson.GetBoolean(item, "is_super_admin")) == true,
            ReportingToId = reportingTo is { } m ? ZohoJson.GetString(m, "id") : null,
            ReportingToName = reportingTo is { } mn ? ZohoJson.GetString(mn, "name") : null,
            UserType = ZohoJson.GetString(item, "type__s"),
            IsCrmUser = ZohoJson.GetBoolean(item, "crm_user") ?? ZohoJson.GetBoolean(item, "is_crm_user"),
        };
    }

    public static ZohoUserStatus ParseStatus(string? raw) => raw?.Trim().ToUpperInvariant() switch
    {
        "ACTIVE" => ZohoUserStatus.Active,
        "INACTIVE" => ZohoUserStatus.Inactive,
        "DELETED" => ZohoUserStatus.Deleted,
        "DISABLED" => ZohoUserStatus.Disabled,
        "CLOSED" => ZohoUserStatus.Closed,
        "DISABLED DORMANT" or "DISABLED_DORMANT" => ZohoUserStatus.DisabledDormant,
        _ => ZohoUserStatus.Unknown,
    };

    private static JsonElement? Child(JsonElement item, string name) =>
        item.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static string? JoinName(JsonElement item)
    {
        var name = $"{ZohoJson.GetString(item, "first_name")} {ZohoJson.GetString(item, "last_name")}".Trim();
        return name.Length == 0 ? null : name;
    }
}
