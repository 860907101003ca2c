using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Transfer;

/// <summary>A poll that could never run, or would poll Zoho in a tight loop, stops the app at start instead.</summary>
internal sealed class PollOptionsValidator : IValidateOptions<PollOptions>
{
    public ValidateOptionsResult Validate(string? name, PollOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingProblems()
            .Check(BackoffProblem(options.Backoff) is null, SettingNames.PollBackoff, $"must list positive delays like 00:00:30,00:01:00 ({BackoffProblem(options.Backoff)}).")
            .Check(options.StalledAfter > TimeSpan.Zero, SettingNames.PollStalledAfter, "must be more than zero.")
            .Check(options.MaxConcurrency >= 1, SettingNames.PollMaxConcurrency, "must be at least 1.")
            .Check(options.MaxDuePerCycle >= 1, SettingNames.PollMaxDuePerCycle, "must be at least 1.")
            .Check(options.SweepAfter > TimeSpan.Zero, SettingNames.PollSweepAfter, "must be more than zero.")
            .Result;
    }

    private static string? BackoffProblem(string? backoff)
    {
        if (string.IsNullOrWhiteSpace(backoff))
        {
            return "it is empty";
        }

        try
        {
            BackoffSchedule.Parse(backoff);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }
}
