namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>
/// Well-known values of the shipped default org (Fixtures/default-org.json), so tests and demos can name
/// the people and credentials they need. The README describes the org.
/// </summary>
public static class DefaultOrg
{
    public const string OrgId = "5725767000000000001";

    // OAuth client (sandbox-only credentials; they grant nothing anywhere else).
    public const string ClientId = "1000.SANDBOXCLIENTOFFBOARDING000001";
    public const string ClientSecret = "sandbox-secret-0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /// <summary>Super admin (Olivia Hart), all scopes the system needs.</summary>
    public const string RefreshToken = "1000.sandbox0refresh0superadmin0000000000.0000000000000000000000000000000a";

    /// <summary>Super admin but only <c>ZohoCRM.users.READ</c>: mutating calls answer OAUTH_SCOPE_MISMATCH.</summary>
    public const string ReadOnlyRefreshToken = "1000.sandbox0refresh0readonly000000000000.0000000000000000000000000000000b";

    /// <summary>A Standard-profile user (Noah Kim) with all scopes: not super admin, no role/portal permissions.</summary>
    public const string StandardUserRefreshToken = "1000.sandbox0refresh0standarduser00000000.0000000000000000000000000000000c";

    /// <summary>A Sales Manager (Sofia Rossi) who may delete roles, but only below her own role.</summary>
    public const string SalesManagerRefreshToken = "1000.sandbox0refresh0salesmanager00000000.0000000000000000000000000000000d";

    public const string Scopes = "ZohoCRM.users.ALL,ZohoCRM.settings.roles.ALL,ZohoCRM.settings.clientportal.ALL,ZohoCRM.org.READ";

    /// <summary>Users (ids and emails).</summary>
    public static class Users
    {
        public const string SuperAdminId = "5725767000000020001";
        public const string SuperAdminEmail = "olivia.hart@northwind.example";

        /// <summary>A protected break-glass administrator (no manager); the pipeline must never offboard it.</summary>
        public const string BreakGlassId = "5725767000000020002";
        public const string BreakGlassEmail = "breakglass@northwind.example";

        /// <summary>An active admin suited as the configured fallback transfer target.</summary>
        public const string FallbackOwnerId = "5725767000000020004";
        public const string FallbackOwnerEmail = "crm.operations@northwind.example";

        /// <summary>The leaver with a manager (Maria Lopez) and one subordinate (Sam Patel); owns many records.</summary>
        public const string LeaverId = "5725767000000020007";
        public const string LeaverEmail = "liam.carter@northwind.example";

        /// <summary>Liam's manager (Reporting_To).</summary>
        public const string ManagerId = "5725767000000020006";
        public const string ManagerEmail = "maria.lopez@northwind.example";

        /// <summary>Reports to Liam: moving Liam's subordinates to Sam answers NOT_ALLOWED.</summary>
        public const string LeaverSubordinateId = "5725767000000020008";
        public const string LeaverSubordinateEmail = "sam.patel@northwind.example";

        /// <summary>An active leaver with no Reporting_To.</summary>
        public const string LeaverWithoutManagerId = "5725767000000020013";
        public const string LeaverWithoutManagerEmail = "oscar.reed@northwind.example";

        public const string InactiveId = "5725767000000020028";
        public const string InactiveEmail = "paula.gray@northwind.example";

        /// <summary>Invited, never confirmed (confirm=false), otherwise an active CRM user.</summary>
        public const string UnconfirmedId = "5725767000000020021";
        public const string UnconfirmedEmail = "uma.fox@northwind.example";

        /// <summary>An org member without CRM access: not listed, and rejected as not_crm_user.</summary>
        public const string NonCrmId = "5725767000000020029";
        public const string NonCrmEmail = "nina.ortiz@northwind.example";

        public const string DeletedId = "5725767000000020030";
        public const string DeletedEmail = "derek.old@northwind.example";

        /// <summary>A plain active sales rep (Standard profile), owner of the standard-user refresh token.</summary>
        public const string StandardUserId = "5725767000000020009";
        public const string StandardUserEmail = "noah.kim@northwind.example";

        public const string SalesManagerId = "5725767000000020014";
        public const string SalesManagerEmail = "sofia.rossi@northwind.example";

        /// <summary>Users the default org holds in total, in every status, CRM users or not.</summary>
        public const int Count = 36;
    }

    /// <summary>The role hierarchy: CEO → {VP Sales → {Sales Manager NA → Sales Rep NA, Sales Manager EMEA → Sales Rep EMEA → Sales Interns EMEA}, VP Support → Support Agent, IT Administrator}.</summary>
    public static class Roles
    {
        public const string Ceo = "5725767000000010001";
        public const string VpSales = "5725767000000010002";
        public const string SalesManagerNa = "5725767000000010003";
        public const string SalesRepNa = "5725767000000010004";
        public const string SalesManagerEmea = "5725767000000010005";
        public const string SalesRepEmea = "5725767000000010006";
        public const string SalesInternsEmea = "5725767000000010007";
        public const string VpSupport = "5725767000000010008";
        public const string SupportAgent = "5725767000000010009";
        public const string ItAdministrator = "5725767000000010010";
    }

    /// <summary>The client portal, its user types and some portal users (personality ids).</summary>
    public static class Portal
    {
        public const string Name = "NorthwindPartners";

        /// <summary>The default (not custom) user type: users cannot be transferred into it.</summary>
        public const string CustomersTypeId = "5725767000000030001";
        public const string PartnersTypeId = "5725767000000030002";

        /// <summary>Custom type whose licence limit (2) is already used up: transfers into it answer LICENSE_LIMIT_EXCEEDED.</summary>
        public const string ResellersTypeId = "5725767000000030003";

        /// <summary>Customers: Alice Chen, Bob Diaz, Carla Evans, Dan Ford.</summary>
        public static readonly IReadOnlyList<string> CustomerPersonalityIds =
            ["5725767000000040001", "5725767000000040002", "5725767000000040003", "5725767000000040004"];

        /// <summary>Partners: Eve Garcia, Frank Ho, Gina Ito.</summary>
        public static readonly IReadOnlyList<string> PartnerPersonalityIds =
            ["5725767000000040005", "5725767000000040006", "5725767000000040007"];

        /// <summary>Resellers: Hugo Jensen, Iris Kowalski.</summary>
        public static readonly IReadOnlyList<string> ResellerPersonalityIds =
            ["5725767000000040008", "5725767000000040009"];
    }
}
