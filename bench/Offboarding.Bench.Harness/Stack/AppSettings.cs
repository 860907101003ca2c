using System.Globalization;
using Offboarding.Functions.Configuration;
using Zoho.Crm.Sandbox.Fixtures;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>
/// The app settings the harness runs the app with, named as the pipeline names them (<see cref="SettingNames"/>)
/// and handed over as environment variables (<c>Section__Key</c>), the way a container or Functions app gets them.
/// </summary>
public sealed record AppSettings
{
    /// <summary>A Standard Webhooks secret that exists only in benchmark and soak runs.</summary>
    public const string WebhookSecret = "whsec_QmVuY2hPbmx5V2ViaG9va1NlY3JldDAxMjM0NTY3";

    public required string StorageConnectionString { get; init; }

    public required Uri SandboxUri { get; init; }

    /// <summary>The Zoho client's concurrency limit (and the poll's): set to the sandbox's limit to use it fully.</summary>
    public int ZohoConcurrency { get; init; } = 4;

    /// <summary>Transfer:MaxConcurrentJobs, the job slots the app admits by; unset, the app's default (10, Zoho's example limit).</summary>
    public int? MaxConcurrentJobs { get; init; }

    public string PollSchedule { get; init; } = "*/1 * * * * *";

    public string PollBackoff { get; init; } = "00:00:01";

    public TimeSpan SweepAfter { get; init; } = TimeSpan.FromMinutes(10);

    // The app's default: a claim renewed while its holder works, lapsing this long after its holder died.
    public TimeSpan SubmittingLease { get; init; } = TimeSpan.FromSeconds(30);

    public string LogLevel { get; init; } = "Warning";

    /// <summary>Anything else, in configuration form (<c>Section:Key</c>).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>The settings as configuration keys (<c>Section:Key</c>), for an in-process pipeline.</summary>
    public IReadOnlyDictionary<string, string> ToConfiguration()
    {
        var settings = new Dictionary<string, string>
        {
            [SettingNames.Storage] = StorageConnectionString,
            [SettingNames.IntakeWebhookSecrets] = WebhookSecret,
            [SettingNames.TransferFallbackUser] = DefaultOrg.Users.FallbackOwnerEmail,
            [SettingNames.TransferProtectedUsers] = DefaultOrg.Users.BreakGlassEmail,
            [SettingNames.TransferSubmittingLease] = SubmittingLease.ToString("c", CultureInfo.InvariantCulture),
            [SettingNames.PollSchedule] = PollSchedule,
            [SettingNames.PollBackoff] = PollBackoff,
            [SettingNames.PollSweepAfter] = SweepAfter.ToString("c", CultureInfo.InvariantCulture),
            [SettingNames.EventsTypePrefix] = "com.example.bench",

            // A burst of a thousand is the point of the bench and the soak, not a runaway sync to hold back.
            [SettingNames.HoldThreshold] = "0",
            [$"{SettingNames.ZohoSection}:AccountsUri"] = SandboxUri.ToString(),
            [$"{SettingNames.ZohoSection}:ApiUri"] = SandboxUri.ToString(),
            [$"{SettingNames.ZohoSection}:ClientId"] = DefaultOrg.ClientId,
            [$"{SettingNames.ZohoSection}:ClientSecret"] = DefaultOrg.ClientSecret,
            [$"{SettingNames.ZohoSection}:RefreshToken"] = DefaultOrg.RefreshToken,
            [$"{SettingNames.ZohoSection}:MaxConcurrency"] = ZohoConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = LogLevel,
        };
        if (MaxConcurrentJobs is int jobs)
        {
            settings[SettingNames.TransferMaxConcurrentJobs] = jobs.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in Extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The same settings as environment variables.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() =>
        ToConfiguration().ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);

    /// <summary>The non-secret settings as one line, for the results table.</summary>
    public string Describe() =>
        $"Zoho:MaxConcurrency={ZohoConcurrency}, POLL_SCHEDULE='{PollSchedule}', Poll:Backoff={PollBackoff}, Poll:SweepAfter={SweepAfter:c}, Transfer:SubmittingLease={SubmittingLease:c}"
        + (MaxConcurrentJobs is int jobs ? $", Transfer:MaxConcurrentJobs={jobs}" : "")
        + string.Concat(Extra.Select(pair => $", {pair.Key}={pair.Value}"));
}
