using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Intake;

/// <summary>
/// Settings that would refuse every webhook at run time (no usable secret, an impossible tolerance) stop the app at start;
/// secret values are never repeated in the message.
/// </summary>
internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = new SettingProblems()
            .Check(options.SignatureTolerance > TimeSpan.Zero && options.SignatureTolerance <= StandardWebhookVerifier.MaxTolerance, SettingNames.IntakeSignatureTolerance,
                $"must be more than zero and at most {StandardWebhookVerifier.MaxTolerance:c} (the StandardWebhooks library's own limit).")
            .Check(options.MaxBodyBytes > 0, SettingNames.IntakeMaxBodyBytes, "must be more than zero.")
            .Result;
        if (limits.Failed)
        {
            return limits;
        }

        var setting = SettingNames.AsAppSetting(SettingNames.IntakeWebhookSecrets);
        var secrets = ListSetting.Split(options.WebhookSecrets);
        if (secrets.Count == 0)
        {
            return ValidateOptionsResult.Fail($"{setting} is not set: without a webhook secret every offboarding request would be refused. Set it to one or more comma-separated 'whsec_' secrets.");
        }

        for (var i = 0; i < secrets.Count; i++)
        {
            try
            {
                WebhookSecret.Parse(secrets[i]);
            }
            catch (FormatException ex)
            {
                return ValidateOptionsResult.Fail($"{setting}: secret {i + 1} of {secrets.Count} is not usable ({ex.Message})");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
