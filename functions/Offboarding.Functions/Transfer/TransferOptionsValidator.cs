using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Transfer;

/// <summary>Refuses at start-up what would risk a second delete (an unconfirmed window of zero), a stall (no job slots), or a
/// claim lease outside 10-60 s (docs/adr/002-never-a-second-delete.md).</summary>
internal sealed class TransferOptionsValidator : IValidateOptions<TransferOptions>
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

        if (options.SubmittingLease < MinLease || options.SubmittingLease > MaxLease)
        {
            return ValidateOptionsResult.Fail(
                $"{SettingNames.AsAppSetting(SettingNames.TransferSubmittingLease)} must be between {MinLease:c} and {MaxLease:c} (it is {options.SubmittingLease:c}): " +
                "shorter, renewals would crowd storage and a slow write could lose a live claim; longer, an instance that dies holds its " +
                "offboarding and its Zoho job slot for that long.");
        }

        return ValidateOptionsResult.Success;
    }

    internal static readonly TimeSpan MinLease = TimeSpan.FromSeconds(10);

    internal static readonly TimeSpan MaxLease = TimeSpan.FromSeconds(60);
}
