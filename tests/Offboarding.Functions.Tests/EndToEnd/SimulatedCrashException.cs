namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Stands for the process dying at a chosen point; deliberately not a type any layer handles.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
