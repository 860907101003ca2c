namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>The user status values Zoho reports (the subset the sandbox models).</summary>
public static class UserStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Deleted = "deleted";
}
