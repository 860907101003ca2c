namespace Zoho.Crm;

/// <summary>The parts of a Zoho CRM user that offboarding decisions need.</summary>
public sealed record ZohoUser
{
    /// <summary>CRM user id (a 19-digit numeric string).</summary>
    public required string Id { get; init; }

    public string? Email { get; init; }

    public string? FullName { get; init; }

    public ZohoUserStatus Status { get; init; }

    /// <summary>The <c>status</c> exactly as Zoho sent it.</summary>
    public string? RawStatus { get; init; }

    /// <summary>The user accepted the invitation (<c>confirm</c>).</summary>
    public bool IsConfirmed { get; init; }

    public string? RoleId { get; init; }

    public string? RoleName { get; init; }

    public string? ProfileId { get; init; }

    public string? ProfileName { get; init; }

    /// <summary>
    /// The org's super admin (who cannot be deleted), true only when the payload says so explicitly: Zoho documents no
    /// such flag, so also check <see cref="IsAdministrator"/> and a protected-users list.
    /// </summary>
    public bool IsSuperAdmin { get; init; }

    /// <summary>The user has the Administrator profile.</summary>
    public bool IsAdministrator => string.Equals(ProfileName, "Administrator", StringComparison.OrdinalIgnoreCase);

    /// <summary>The user's manager, from the <c>Reporting_To</c> object (null when none).</summary>
    public string? ReportingToId { get; init; }

    public string? ReportingToName { get; init; }

    /// <summary>Zoho's <c>type__s</c> (e.g. "Regular User", "Client Portal User").</summary>
    public string? UserType { get; init; }

    /// <summary>Whether the user is a CRM user (false for e.g. portal-only users), when the payload says.</summary>
    public bool? IsCrmUser { get; init; }

    /// <summary>Convenience: <see cref="Status"/> is <see cref="ZohoUserStatus.Active"/>.</summary>
    public bool IsActive => Status == ZohoUserStatus.Active;
}
