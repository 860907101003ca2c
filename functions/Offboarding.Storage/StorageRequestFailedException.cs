using Azure;

namespace Offboarding.Storage;

/// <summary>
/// The one error type of the storage clients: HTTP status, the service's error code (<c>x-ms-error-code</c>),
/// the request id and what was being done. The message is built only from those and the service's first
/// message line, so keys, signatures and tokens never appear in it.
/// </summary>
public sealed class StorageRequestFailedException : RequestFailedException
{
    public StorageRequestFailedException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public StorageRequestFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    public StorageRequestFailedException(int status, string? errorCode, string? requestId, string operation, string? serviceMessage, Exception? innerException = null)
        : base(status, Describe(status, errorCode, requestId, operation, serviceMessage), errorCode, innerException)
    {
        RequestId = requestId;
        Operation = operation;
        ServiceMessage = serviceMessage;
    }

    /// <summary>The service's <c>x-ms-request-id</c>, for support cases and log correlation.</summary>
    public string? RequestId { get; }

    /// <summary>What the client was doing, e.g. <c>Table 'offboardings': update entity</c>.</summary>
    public string Operation { get; }

    /// <summary>The first line of the service's own error message, if it gave one.</summary>
    public string? ServiceMessage { get; }

    private static string Describe(int status, string? errorCode, string? requestId, string operation, string? serviceMessage)
    {
        var text = $"{operation} failed: HTTP {status}";
        if (!string.IsNullOrEmpty(errorCode))
        {
            text += $" {errorCode}";
        }

        if (!string.IsNullOrEmpty(serviceMessage))
        {
            text += $" — {serviceMessage}";
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            text += $" (request id {requestId})";
        }

        return text;
    }
}
