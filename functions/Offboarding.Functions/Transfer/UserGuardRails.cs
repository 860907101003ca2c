using Offboarding.Functions.Configuration;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>Who is never offboarded and who may receive a leaver's records: the rules the one-by-one planner and a
/// batch's plan share.</summary>
public static class UserGuardRails
{
    /// <summary>A super admin, or on the protected-users list (<c>Transfer__ProtectedUsers</c>, ids or emails).</summary>
    public static bool IsProtected(ZohoUser user, string? protectedUsers)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsSuperAdmin || ListSetting.Split(protectedUsers).Any(entry =>
            string.Equals(entry, user.Id, StringComparison.Ordinal)
            || (user.Email is not null && string.Equals(entry, user.Email, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Why a user cannot receive <paramref name="leaver"/>'s records, or null when they can.</summary>
    public static string? Unusable(ZohoUser? user, ZohoUser leaver)
    {
        ArgumentNullException.ThrowIfNull(leaver);
        return user switch
        {
            null => "is not a Zoho user",
            _ when user.Id == leaver.Id => $"is the leaver ({user.Id})",
            _ when !user.IsActive => $"({user.Id}) is not active ({user.RawStatus ?? user.Status.ToString()})",
            _ when user.IsCrmUser == false => $"({user.Id}) is not a CRM user",
            _ => null,
        };
    }

    /// <summary>A setting naming a user (the fallback): an email, else a Zoho id.</summary>
    public static (string? Email, string? ZohoUserId) Reference(string idOrEmail)
    {
        ArgumentNullException.ThrowIfNull(idOrEmail);
        return idOrEmail.Contains('@', StringComparison.Ordinal) ? (idOrEmail.Trim(), null) : (null, idOrEmail.Trim());
    }
}
