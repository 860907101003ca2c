namespace Offboarding.Functions.Transfer;

/// <summary>A Zoho operation that partly failed for reasons worth retrying (the client has already retried each call).</summary>
public sealed class ZohoTransientFailureException : Exception
{
    public ZohoTransientFailureException()
    {
    }

    public ZohoTransientFailureException(string message)
        : base(message)
    {
    }

    public ZohoTransientFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
