namespace Offboarding.Functions.Http;

/// <summary>The request body is over <see cref="RequestBodyLimit.Bytes"/>; answered with 413, never passed to a function.</summary>
public sealed class RequestBodyTooLargeException : Exception
{
    public RequestBodyTooLargeException()
        : base($"The request body exceeds {RequestBodyLimit.Bytes} bytes.")
    {
    }

    public RequestBodyTooLargeException(string message)
        : base(message)
    {
    }

    public RequestBodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
