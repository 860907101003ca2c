using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Batches;

/// <summary>Settings of layoff batches (section <c>Batches</c>).</summary>
public sealed class BatchesOptions
{
    /// <summary>The submitter of a batch may not approve it: a second operator must.</summary>
    public bool RequireSecondApprover { get; set; }

    /// <summary>The job duration an estimate assumes before any Zoho job has been measured.</summary>
    public TimeSpan AssumedJobDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest upload accepted (a 10,000-row CSV is about 1 MB; JSON twice that).</summary>
    public int MaxUploadBytes { get; set; } = 8 * 1024 * 1024;
}

/// <summary>Refuses settings an estimate or an upload cannot work with, at start.</summary>
internal sealed class BatchesOptionsValidator : IValidateOptions<BatchesOptions>
{
    public ValidateOptionsResult Validate(string? name, BatchesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingProblems()
            .Check(options.AssumedJobDuration > TimeSpan.Zero, SettingNames.BatchesAssumedJobDuration, "must be more than zero.")
            .Check(options.MaxUploadBytes >= 1024, SettingNames.BatchesMaxUploadBytes, "must be at least 1024.")
            .Result;
    }
}
