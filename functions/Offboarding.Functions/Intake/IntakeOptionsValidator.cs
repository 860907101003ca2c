using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Intake;

/// <summary>
/// Webhook secrets that would otherwise fail at run time (every webhook a 401) stop the app at
/// start-up instead, with a message that names the app setting. Secret values are never repeated in the message.
/// </summary>
internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
