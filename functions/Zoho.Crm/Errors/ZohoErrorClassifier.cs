using System.Collections.Frozen;
using System.Net;
using System.Text.Json;

namespace Zoho.Crm;

/// <summary>
/// Maps a Zoho error to what the caller should do, from the code, the HTTP status and the structured
/// <c>details</c> only — never from the message, whose wording changes between API versions.
/// </summary>
public static class ZohoErrorClassifier
{
    private static readonly FrozenDictionary<string, ZohoErrorClassification> ByCode = new Dictionary<string, ZohoErrorClassification>(StringComparer.Ordinal)
    {
        // Every code in the seed pages, then the common ones from the fact sheet.
        [ZohoErrorCodes.InvalidData] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.NotAllowed] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.MandatoryNotFound] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.ExpectedFieldMissing] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.RequiredParamMissing] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.DependentParamMissing] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.UnableToParseDataType] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.NoPermission] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.PermissionDenied] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.OAuthScopeMismatch] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.AuthorizationFailed] = ZohoErrorClassification.Permanent,
        // Reaches a caller only after the one refresh-and-retry already failed.
        [ZohoErrorCodes.InvalidToken] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.InvalidOAuthToken] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.AuthenticationFailure] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.LicenseLimitExceeded] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.InvalidRequestMethod] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.InvalidUrlPattern] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.InvalidModule] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.InvalidHost] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.DuplicateData] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.PatternNotMatched] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.FeatureNotSupported] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.IdAlreadyDeleted] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.TooManyRequests] = ZohoErrorClassification.Transient,
        [ZohoErrorCodes.InternalError] = ZohoErrorClassification.Transient,
        // Zoho frees a slot when one of the org's scheduled jobs finishes.
        [ZohoErrorCodes.ConcurrentJobLimitExceeded] = ZohoErrorClassification.Transient,
        [ZohoErrorCodes.OAuthInvalidCode] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.OAuthInvalidClient] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.OAuthInvalidClientSecret] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.OAuthInvalidRedirectUri] = ZohoErrorClassification.Permanent,
        // Token-issue throttle (10 per refresh token per 10 minutes): passes with time.
        [ZohoErrorCodes.OAuthAccessDenied] = ZohoErrorClassification.Transient,
        [ZohoErrorCodes.ClientTimeout] = ZohoErrorClassification.Transient,
        [ZohoErrorCodes.ClientConnectionFailed] = ZohoErrorClassification.Transient,
        [ZohoErrorCodes.ClientUnexpectedResponse] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.ClientJobNotFound] = ZohoErrorClassification.Permanent,
        [ZohoErrorCodes.ClientUserAlreadyDeleted] = ZohoErrorClassification.AlreadyDone,
        // Valid items of a batch Zoho refused because of other items: sending them again on their own can work.
        [ZohoErrorCodes.ClientBatchRejected] = ZohoErrorClassification.Transient,
        // A lost answer to an irreversible call: check again later rather than resubmit now.
        [ZohoErrorCodes.ClientOutcomeUnknown] = ZohoErrorClassification.Transient,
        // Credits come back as the org's rolling window frees them.
        [ZohoErrorCodes.ClientCreditsExhausted] = ZohoErrorClassification.Transient,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> has an explicit row (rather than falling back on the HTTP status).</summary>
    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    /// <summary>Classifies an error from any operation.</summary>
    /// <param name="code">Zoho's <c>code</c> (or an OAuth <c>error</c>, or a <c>CLIENT_</c> code).</param>
    /// <param name="httpStatus">HTTP status of the answer, when there was one.</param>
    /// <param name="details">Zoho's <c>details</c> object, when there was one.</param>
    /// <param name="operation">The operation that failed.</param>
    public static ZohoErrorClassification Classify(string code, int? httpStatus, JsonElement? details, ZohoOperation operation)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (operation == ZohoOperation.TransferAndDeleteUser && IsLeaverAlreadyDeleted(code, details))
        {
            return ZohoErrorClassification.AlreadyDone;
        }

        if (ByCode.TryGetValue(code, out var known))
        {
            return known;
        }

        // Unknown codes: trust the status line, which Zoho keeps consistent for throttling and server faults.
        return httpStatus switch
        {
            (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout => ZohoErrorClassification.Transient,
            >= 500 => ZohoErrorClassification.Transient,
            _ => ZohoErrorClassification.Permanent,
        };
    }

    /// <summary>
    /// A repeat transfer-and-delete fails INVALID_DATA with <c>owner_status: deleted</c>, but so does a deleted target
    /// (a real failure): only details pointing at the leaver (<c>resource_path_index</c> or the body's <c>id</c>) count.
    /// </summary>
    internal static bool IsLeaverAlreadyDeleted(string code, JsonElement? details)
    {
        if (code == ZohoErrorCodes.IdAlreadyDeleted)
        {
            return true;
        }

        if (code != ZohoErrorCodes.InvalidData || details is not { ValueKind: JsonValueKind.Object } d)
        {
            return false;
        }

        if (!d.TryGetProperty("owner_status", out var ownerStatus) || ownerStatus.ValueKind != JsonValueKind.String ||
            ownerStatus.GetString() != "deleted")
        {
            return false;
        }

        if (d.TryGetProperty("resource_path_index", out _))
        {
            return true;
        }

        var jsonPath = d.TryGetProperty("json_path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : "";
        return !jsonPath.Contains("transfer.", StringComparison.Ordinal) &&
               !jsonPath.Contains("move_subordinate", StringComparison.Ordinal);
    }
}
