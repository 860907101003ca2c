using Microsoft.Extensions.Logging;

namespace Zoho.Crm;

/// <summary>
/// The client's structured log events. Values are ids, codes, statuses and timings only: no tokens, no secrets,
/// no request bodies.
/// </summary>
internal static partial class ZohoLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Zoho {Operation} {Method} {Path} answered {Status} code {ZohoCode} in {DurationMs} ms (attempt {Attempt})")]
    public static partial void CallCompleted(ILogger logger, ZohoOperation operation, string method, string path, int status, string? zohoCode, long durationMs, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Zoho {Operation} {Method} {Path} failed with {ZohoCode} ({Classification}) after {DurationMs} ms (attempt {Attempt})")]
    public static partial void CallFailed(ILogger logger, ZohoOperation operation, string method, string path, string zohoCode, ZohoErrorClassification classification, long durationMs, int attempt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Zoho {Operation} retry {Retry} in {DelayMs} ms after {ZohoCode}")]
    public static partial void RetryScheduled(ILogger logger, ZohoOperation operation, int retry, long delayMs, string zohoCode);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "Zoho {Operation} waits {DelayMs} ms: Zoho asked this client to slow down (429 Retry-After)")]
    public static partial void RateLimitWait(ILogger logger, ZohoOperation operation, long delayMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Zoho access token obtained from {AccountsHost}, expires {ExpiresOn:o}, api domain {ApiDomain}")]
    public static partial void TokenIssued(ILogger logger, string accountsHost, DateTimeOffset expiresOn, string? apiDomain);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "Zoho answered {ZohoCode} to {Operation}; refreshing the access token once and retrying")]
    public static partial void TokenRejected(ILogger logger, ZohoOperation operation, string zohoCode);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Zoho {Operation}: an earlier attempt may have reached Zoho; checking user {UserId} before resubmitting")]
    public static partial void CheckingBeforeResubmit(ILogger logger, ZohoOperation operation, string userId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information,
        Message = "Zoho user directory loaded: {UserCount} users, {EmailCount} distinct emails")]
    public static partial void DirectoryLoaded(ILogger logger, int userCount, int emailCount);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug,
        Message = "Zoho user directory: user {UserId} read again because a transfer-and-delete may have changed it (status now {Status})")]
    public static partial void DirectoryEntryReread(ILogger logger, string userId, string? status);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug,
        Message = "Zoho user directory: user {UserId} is not in the cached listing; read from Zoho (status {Status})")]
    public static partial void DirectoryMissReadDirectly(ILogger logger, string userId, string? status);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug,
        Message = "Zoho {Operation} not sent: the credit gate holds calls for {DelayMs} ms")]
    public static partial void CreditsHeld(ILogger logger, ZohoOperation operation, long delayMs);
}
