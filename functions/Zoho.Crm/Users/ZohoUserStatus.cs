namespace Zoho.Crm;

/// <summary>A CRM user's <c>status</c> (v8 OAS values); <see cref="ZohoUser.RawStatus"/> keeps what Zoho sent.</summary>
public enum ZohoUserStatus
{
    /// <summary>A value this client does not know.</summary>
    Unknown,

    /// <summary><c>active</c>.</summary>
    Active,

    /// <summary><c>inactive</c>: deactivated.</summary>
    Inactive,

    /// <summary><c>deleted</c>.</summary>
    Deleted,

    /// <summary><c>disabled</c>.</summary>
    Disabled,

    /// <summary><c>closed</c>.</summary>
    Closed,

    /// <summary><c>disabled dormant</c>.</summary>
    DisabledDormant,
}
