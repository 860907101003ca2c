using Microsoft.Extensions.Options;

namespace Offboarding.LocalHost.Timers;

internal sealed class TimerTriggerOptionsValidator : IValidateOptions<TimerTriggerOptions>
{
    public ValidateOptionsResult Validate(string? name, TimerTriggerOptions options)
    {
        var failures = new List<string>();
        if (options.LeaseDuration < TimeSpan.FromSeconds(2))
        {
            failures.Add($"The timer lease duration must be at least 2 seconds, got {options.LeaseDuration}.");
        }

        if (options.PastDueTolerance < TimeSpan.Zero)
        {
            failures.Add($"The past-due tolerance must not be negative, got {options.PastDueTolerance}.");
        }

        if (string.IsNullOrWhiteSpace(options.LeaseTable))
        {
            failures.Add("The timer lease table must be named.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
