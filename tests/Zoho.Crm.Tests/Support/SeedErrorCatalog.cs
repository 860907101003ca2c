using Zoho.Crm;

namespace Zoho.Crm.Tests.Support;

/// <summary>
/// Every row of the "Possible Errors" lists of the seed pages (../shared/seeds): transfer records and delete user,
/// its status API, transfer users and delete role, transfer users of a user type; plus the limits the fact sheet
/// adds (CONCURRENT_JOB_LIMIT_EXCEEDED from the v8 OAS, 429 and INVALID_TOKEN from the common error table).
/// </summary>
public static class SeedErrorCatalog
{
    private const string Transfer = "transfer-records-and-delete-user";
    private const string Status = "transfer-and-delete-user-status";
    private const string Role = "transfer-users-and-delete-role";
    private const string Portal = "transfer-users-of-a-user-type";
    private const string Facts = "zoho-facts";

    private static readonly ZohoErrorClassification P = ZohoErrorClassification.Permanent;
    private static readonly ZohoErrorClassification T = ZohoErrorClassification.Transient;
    private static readonly ZohoErrorClassification Done = ZohoErrorClassification.AlreadyDone;

    public static readonly IReadOnlyList<SeedError> All =
    [
        new("transfer.user-id-missing", Transfer, "MANDATORY_NOT_FOUND", 400, "no id of the user to delete in URL or body", P),
        new("transfer.neither-transfer-nor-move", Transfer, "EXPECTED_FIELD_MISSING", 400, "neither transfer nor move_subordinate", P),
        new("transfer.wrong-user-id", Transfer, "INVALID_DATA", 400, "incorrect user id in the URL or the body", P),
        new("transfer.not-crm-user", Transfer, "INVALID_DATA", 400, "user to delete or target is not a CRM user", P),
        new("transfer.user-already-deleted", Transfer, "INVALID_DATA", 400, "the user to delete is already deleted", Done),
        new("transfer.target-already-deleted", Transfer, "INVALID_DATA", 400, "the transfer target is already deleted", P),
        new("transfer.invalid-target", Transfer, "INVALID_DATA", 400, "the transfer target id is invalid", P),
        new("transfer.subordinate-target-inactive", Transfer, "INVALID_DATA", 400, "the subordinates target is inactive", P),
        new("transfer.url-id-and-many-objects", Transfer, "INVALID_DATA", 400, "id in the URL and more than one body object", P),
        new("transfer.more-than-one-user", Transfer, "INVALID_DATA", 400, "more than one user in the body", P),
        new("transfer.subordinate-target-is-subordinate", Transfer, "NOT_ALLOWED", 400, "subordinates target is a subordinate user", P),
        new("transfer.super-admin", Transfer, "NOT_ALLOWED", 400, "the user to delete is the super admin", P),
        new("transfer.caller-not-super-admin", Transfer, "NO_PERMISSION", 403, "the caller is not the super admin", P),
        new("transfer.concurrent-job-limit", Facts, "CONCURRENT_JOB_LIMIT_EXCEEDED", 400, "too many scheduled transfer jobs", T),
        new("status.job-id-missing", Status, "REQUIRED_PARAM_MISSING", 400, "no job_id parameter", P),
        new("role.scope-mismatch", Role, "OAUTH_SCOPE_MISMATCH", 401, "client lacks ZohoCRM.settings.roles.DELETE", P),
        new("role.no-permission", Role, "NO_PERMISSION", 403, "user may not delete roles", P),
        new("role.internal-error", Role, "INTERNAL_ERROR", 500, "unhandled server exception", T),
        new("role.invalid-method", Role, "INVALID_REQUEST_METHOD", 400, "wrong HTTP method for the URL", P),
        new("role.authorization-failed", Role, "AUTHORIZATION_FAILED", 401, "user lacks the privilege to delete this role", P),
        new("role.invalid-role-id", Role, "INVALID_DATA", 400, "the role id in the URL is invalid", P),
        new("role.transfer-to-missing", Role, "REQUIRED_PARAM_MISSING", 400, "no transfer_to_id", P),
        new("role.transfer-to-bad-format", Role, "UNABLE_TO_PARSE_DATA_TYPE", 400, "transfer_to_id in the wrong format", P),
        new("portal.invalid-personality", Portal, "INVALID_DATA", 400, "personality not in this user type / invalid user type", P),
        new("portal.target-not-custom", Portal, "INVALID_DATA", 400, "target user type is not a custom user type", P),
        new("portal.param-missing", Portal, "REQUIRED_PARAM_MISSING", 400, "no transfer_To or personality_ids", P),
        new("portal.license-limit", Portal, "LICENSE_LIMIT_EXCEEDED", 403, "portal licence limit exceeded", P),
        new("portal.no-permission", Portal, "NO_PERMISSION", 403, "Client Portal User permission disabled", P),
        new("common.too-many-requests", Facts, "TOO_MANY_REQUESTS", 429, "concurrency or credits exhausted", T),
        new("common.invalid-token", Facts, "INVALID_TOKEN", 401, "token still rejected after the one refresh", P),
    ];

    public static IEnumerable<object[]> Rows => All.Select(row => new object[] { row });
}
