namespace Offboarding.Functions.Domain;

/// <summary>Something a person (or the HR system on their behalf) decided about an offboarding: when, who, and why.</summary>
public sealed record OperatorAction(DateTimeOffset At, string By, string? Reason)
{
    public string Describe() => string.IsNullOrEmpty(Reason) ? $"by {By}" : $"by {By}: {Reason}";
}
