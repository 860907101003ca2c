namespace Offboarding.Bench.Layoff;

/// <summary>What one layoff run measured.</summary>
public sealed record LayoffResult(
    LayoffOptions Options,
    int Ready,
    TimeSpan Planning,
    LayoffWarmUpResult WarmUp,
    LayoffEstimate Estimate,
    bool BatchFinished,
    int Finished,
    DateTimeOffset? FirstTransfer,
    DateTimeOffset? LastFinish,
    DateTimeOffset ApprovedAt,
    int PeakJobs,
    int PeakConcurrentCalls,
    int RefusedForJobLimit,
    int RefusedForConcurrency)
{
    /// <summary>From the first transfer call to the last offboarding announced finished.</summary>
    public TimeSpan Running => FirstTransfer is { } first && LastFinish is { } last ? last - first : TimeSpan.Zero;

    public double PerSecond => Running > TimeSpan.Zero ? Finished / Running.TotalSeconds : 0;

    public double ShareOfCeiling => PerSecond / Options.JobCeilingPerSecond;

    /// <summary>From the approval to the last offboarding announced finished: what the operator waits.</summary>
    public TimeSpan ApprovalToEnd => LastFinish is { } last ? last - ApprovedAt : TimeSpan.Zero;
}
