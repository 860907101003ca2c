using System.Globalization;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>Refuses at start-up what would risk a second delete: a submitting lease shorter than the longest Zoho call, or an
/// unconfirmed window of zero (docs/adr/002-never-a-second-delete.md).</summary>
internal sealed class TransferOptionsValidator(IOptions<ZohoCrmClientOptions> zoho) : IValidateOptions<TransferOptions>
{
    public ValidateOptionsResult Validate(string? name, TransferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UnconfirmedWindow <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail(
                $"{SettingNames.AsAppSetting(SettingNames.TransferUnconfirmedWindow)} must be above zero (it is {options.UnconfirmedWindow}): " +
                "a transfer whose outcome is unknown would be sent again at once, risking a second delete. Keep it above the longest Zoho job.");
        }

        if (options.MaxConcurrentJobs < 1 || options.SlotWaitMaxDelay < TimeSpan.FromSeconds(1))
        {
            return ValidateOptionsResult.Fail(
                $"{SettingNames.AsAppSetting(SettingNames.TransferMaxConcurrentJobs)} must be at least 1 (it is {options.MaxConcurrentJobs}) and " +
                $"{SettingNames.AsAppSetting(SettingNames.TransferSlotWaitMaxDelay)} at least one second (it is {options.SlotWaitMaxDelay}): " +
                "transfers would wait forever, or spin (the queue holds a waiting message back in whole seconds).");
        }

        if (ZohoWorstCase(zoho) is not { } worst || options.SubmittingLease >= worst)
        {
            return ValidateOptionsResult.Success;
        }

        var lease = options.SubmittingLease.ToString("c", CultureInfo.InvariantCulture);
        var needed = worst.ToString("c", CultureInfo.InvariantCulture);
        return ValidateOptionsResult.Fail(
            $"{SettingNames.AsAppSetting(SettingNames.TransferSubmittingLease)} ({lease}) is shorter than the longest one Zoho call can take with the Zoho " +
            $"settings ({needed}: (Zoho:MaxRetries + 1) x Zoho:RequestTimeout + Zoho:MaxRetries x the longer of Zoho:RetryMaxDelay " +
            "and Zoho:MaxRetryAfter, twice for the read of the leaver before a transfer is sent again). A claim could lapse while " +
            $"its call still runs. Set {SettingNames.AsAppSetting(SettingNames.TransferSubmittingLease)} to at least {needed}, or lower those Zoho settings.");
    }

    /// <summary>The longest one Zoho call can take, or null while the Zoho settings are invalid (their own validator says why).</summary>
    internal static TimeSpan? ZohoWorstCase(IOptions<ZohoCrmClientOptions> zoho)
    {
        try
        {
            return zoho.Value.WorstCaseCallDuration;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
