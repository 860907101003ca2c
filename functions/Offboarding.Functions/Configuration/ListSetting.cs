namespace Offboarding.Functions.Configuration;

/// <summary>
/// Lists in settings are one comma-separated string: a Key Vault reference or an app setting holds
/// one value, and rotating a webhook secret means editing that one value.
/// </summary>
public static class ListSetting
{
    public static IReadOnlyList<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
