namespace Zoho.Crm.Sandbox.Api;

/// <summary>The Zoho error codes the sandbox answers.</summary>
public static class ZohoCodes
{
    public const string Success = "SUCCESS";
    public const string InvalidData = "INVALID_DATA";
    public const string MandatoryNotFound = "MANDATORY_NOT_FOUND";
    public const string ExpectedFieldMissing = "EXPECTED_FIELD_MISSING";
    public const string RequiredParamMissing = "REQUIRED_PARAM_MISSING";
    public const string UnableToParseDataType = "UNABLE_TO_PARSE_DATA_TYPE";
    public const string NotAllowed = "NOT_ALLOWED";
    public const string NoPermission = "NO_PERMISSION";
    public const string AuthorizationFailed = "AUTHORIZATION_FAILED";
    public const string LicenseLimitExceeded = "LICENSE_LIMIT_EXCEEDED";
    public const string ConcurrentJobLimitExceeded = "CONCURRENT_JOB_LIMIT_EXCEEDED";
    public const string InvalidToken = "INVALID_TOKEN";
    public const string OAuthScopeMismatch = "OAUTH_SCOPE_MISMATCH";
    public const string InvalidUrlPattern = "INVALID_URL_PATTERN";
    public const string InvalidRequestMethod = "INVALID_REQUEST_METHOD";
    public const string InternalError = "INTERNAL_ERROR";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
}
