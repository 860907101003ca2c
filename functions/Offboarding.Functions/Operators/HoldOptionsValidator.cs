using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Operators;

/// <summary>A hold with a negative threshold or no window cannot count a burst; refused at start.</summary>
internal sealed class HoldOptionsValidator : IValidateOptions<HoldOptions>
{
    public ValidateOptionsResult Validate(string? name, HoldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingProblems()
            .Check(options.Threshold >= 0, SettingNames.HoldThreshold, "must be 0 (off) or more.")
            .Check(options.Window > TimeSpan.Zero, SettingNames.HoldWindow, "must be more than zero.")
            .Result;
    }
}
