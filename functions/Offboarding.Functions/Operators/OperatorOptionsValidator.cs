using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Operators;

/// <summary>A guessable operator key, or no role to check, would open the operator routes: the app does not start with either.</summary>
internal sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public const int KeyMinLength = 32;

    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingProblems()
            .Check(options.Key is null || options.Key.Length >= KeyMinLength, SettingNames.OperatorsKey, $"must be at least {KeyMinLength} characters (or unset, to allow only Easy Auth identities).")
            .Check(!string.IsNullOrWhiteSpace(options.Role), SettingNames.OperatorsRole, "must name the operator app role.")
            .Result;
    }
}
