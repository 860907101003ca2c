namespace Offboarding.Functions.Operators;

/// <summary>Whether a new offboarding is held, and the words its audit trail gives for it.</summary>
public sealed record HoldDecision(bool Held, string? Reason)
{
    public static HoldDecision NotHeld { get; } = new(false, null);
}
