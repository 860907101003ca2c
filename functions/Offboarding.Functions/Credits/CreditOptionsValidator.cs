using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Credits;

/// <summary>A budget that admits nothing, or a probe loop that would hammer Zoho, stops the app at start instead.</summary>
internal sealed class CreditOptionsValidator : IValidateOptions<CreditOptions>
{
    public ValidateOptionsResult Validate(string? name, CreditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingProblems()
            .Check(options.CreditBudget is null or > 0, SettingNames.ZohoCreditBudget, "must be above zero (leave it unset for no budget of the app's own).")
            .Check(options.CreditReserve >= 0, SettingNames.ZohoCreditReserve, "must be zero or more.")
            .Check(options.CreditBudget is not { } budget || options.CreditReserve < budget, SettingNames.ZohoCreditReserve,
                "must be below Zoho__CreditBudget, or no new transfer could ever start.")
            .Check(options.CreditWindow >= TimeSpan.FromMinutes(1), SettingNames.ZohoCreditWindow, "must be at least 00:01:00.")
            .Check(options.CreditProbeInterval >= TimeSpan.FromSeconds(1), SettingNames.ZohoCreditProbeInterval, "must be at least 00:00:01.")
            .Check(options.CreditProbeMaxInterval >= options.CreditProbeInterval, SettingNames.ZohoCreditProbeMaxInterval,
                "must be at least Zoho__CreditProbeInterval.")
            .Result;
    }
}
