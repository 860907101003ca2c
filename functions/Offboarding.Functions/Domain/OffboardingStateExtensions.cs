namespace Offboarding.Functions.Domain;

public static class OffboardingStateExtensions
{
    public static bool IsTerminal(this OffboardingState state) =>
        state is OffboardingState.Completed or OffboardingState.Failed or OffboardingState.Planned or OffboardingState.Cancelled;

    /// <summary>The lowercase wire name used in the status API, the <c>?state=</c> filter and the table column.</summary>
    public static string ToWireName(this OffboardingState state) => state.ToString().ToLowerInvariant();

    public static bool TryParseWireName(string? value, out OffboardingState state)
    {
        state = default;
        return !string.IsNullOrEmpty(value)
            && !value.Any(char.IsDigit)
            && Enum.TryParse(value, ignoreCase: true, out state)
            && Enum.IsDefined(state);
    }
}
