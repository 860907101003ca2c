namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>The host's invocation payload lacks something the trigger needs; answered 400 without running the function.</summary>
public sealed class InvocationPayloadException : Exception
{
    public InvocationPayloadException()
    {
    }

    public InvocationPayloadException(string message)
        : base(message)
    {
    }

    public InvocationPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
