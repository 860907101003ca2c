namespace Zoho.Crm;

/// <summary>
/// The error codes this client knows: Zoho's own (from the seed pages and the API fact sheet) and the few the
/// client raises itself, which are prefixed <c>CLIENT_</c> so they can never collide with Zoho's.
/// </summary>
public static class ZohoErrorCodes
{
    // Zoho CRM API codes.
    public const string InvalidData = "INVALID_DATA";
    public const string NotAllowed = "NOT_ALLOWED";
    public const string MandatoryNotFound = "MANDATORY_NOT_FOUND";
    public const string ExpectedFieldMissing = "EXPECTED_FIELD_MISSING";
    public const string RequiredParamMissing = "REQUIRED_PARAM_MISSING";
    public const string DependentParamMissing = "DEPENDENT_PARAM_MISSING";
    public const string UnableToParseDataType = "UNABLE_TO_PARSE_DATA_TYPE";
    public const string NoPermission = "NO_PERMISSION";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string OAuthScopeMismatch = "OAUTH_SCOPE_MISMATCH";
    public const string AuthorizationFailed = "AUTHORIZATION_FAILED";
    public const string AuthenticationFailure = "AUTHENTICATION_FAILURE";
    public const string InvalidToken = "INVALID_TOKEN";
    public const string InvalidOAuthToken = "INVALID_OAUTHTOKEN";
    public const string LicenseLimitExceeded = "LICENSE_LIMIT_EXCEEDED";
    public const string InvalidRequestMethod = "INVALID_REQUEST_METHOD";
    public const string InvalidUrlPattern = "INVALID_URL_PATTERN";
    public const string InvalidModule = "INVALID_MODULE";
    public const string InvalidHost = "INVALID_HOST";
    public const string DuplicateData = "DUPLICATE_DATA";
    public const string PatternNotMatched = "PATTERN_NOT_MATCHED";
    public const string FeatureNotSupported = "FEATURE_NOT_SUPPORTED";
    public const string IdAlreadyDeleted = "ID_ALREADY_DELETED";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
    public const string InternalError = "INTERNAL_ERROR";
    public const string ConcurrentJobLimitExceeded = "CONCURRENT_JOB_LIMIT_EXCEEDED";

    // Zoho Accounts (OAuth token endpoint) codes, sent as HTTP 200 with an "error" field.
    public const string OAuthInvalidCode = "invalid_code";
    public const string OAuthInvalidClient = "invalid_client";
    public const string OAuthInvalidClientSecret = "invalid_client_secret";
    public const string OAuthInvalidRedirectUri = "invalid_redirect_uri";
    public const string OAuthAccessDenied = "Access Denied";

    // Raised by this client.
    public const string ClientTimeout = "CLIENT_TIMEOUT";
    public const string ClientConnectionFailed = "CLIENT_CONNECTION_FAILED";
    public const string ClientUnexpectedResponse = "CLIENT_UNEXPECTED_RESPONSE";
    public const string ClientJobNotFound = "CLIENT_JOB_NOT_FOUND";
    public const string ClientUserAlreadyDeleted = "CLIENT_USER_ALREADY_DELETED";
    public const string ClientBatchRejected = "CLIENT_BATCH_REJECTED";
    public const string ClientOutcomeUnknown = "CLIENT_OUTCOME_UNKNOWN";

    /// <summary>Not sent: the <see cref="IZohoCreditGate"/> holds calls (the org's credits are out, or the app's budget is spent).</summary>
    public const string ClientCreditsExhausted = "CLIENT_CREDITS_EXHAUSTED";
}
