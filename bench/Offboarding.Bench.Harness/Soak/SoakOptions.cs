namespace Offboarding.Bench.Harness.Soak;

/// <summary>How hard a soak run is: how many offboardings, which faults, and how often things are killed.</summary>
public sealed record SoakOptions
{
    public int Count { get; init; } = 1000;

    public double InternalErrorRate { get; init; } = 0.20;

    public double TooManyRequestsRate { get; init; } = 0.10;

    public double DropConnectionRate { get; init; } = 0.05;

    /// <summary>Calls served but whose answer is lost, the hardest case for "never twice": the transfer happened, the app cannot know.</summary>
    public double DropResponseRate { get; init; } = 0.02;

    /// <summary>App instances on the one storage account, as Flex Consumption scales out; webhooks spread over them.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>Times an app instance is killed (SIGKILL, while Zoho calls are in flight) and started again; the instances take turns.</summary>
    public int AppRestarts { get; init; } = 2;

    /// <summary>Times Azurite is stopped and started again on its persistent data folder.</summary>
    public int AzuriteRestarts { get; init; } = 1;

    /// <summary>Webhooks in flight at once.</summary>
    public int SenderConcurrency { get; init; } = 8;

    /// <summary>How long the run may take before whatever is unfinished counts as lost. Generous: this machine is shared.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(20);

    public int? RandomSeed { get; init; } = 7;

    /// <summary>Transfer-and-delete jobs the sandbox runs at once: Zoho's example limit (and the app's default), not raised to the load.</summary>
    public int JobLimit { get; init; } = 10;

    /// <summary>How long the sandbox takes to run one job, in seconds.</summary>
    public double JobDurationSeconds { get; init; } = 1;

    /// <summary>The app's <c>Transfer:UnconfirmedWindow</c>: how long a transfer with an unknown outcome waits, its leaver still
    /// there, before it is sent again. It must outlast the longest job Zoho runs; null: 10 times the sandbox's job. (Before
    /// the slot of an unknown outcome was held for the median job rather than the longest, a 10 s window made a run fail
    /// one offboarding for too many unknown outcomes; the soak then used 30 s. Since, 10 s gives the same share of
    /// unknown outcomes per attempt as 30 s, 300 people: 0.31 against 0.32 and 0.34.)</summary>
    public TimeSpan? UnconfirmedWindow { get; init; }

    public TimeSpan EffectiveUnconfirmedWindow => UnconfirmedWindow ?? TimeSpan.FromSeconds(10 * JobDurationSeconds);

    public string Describe() =>
        $"{Count} offboardings; Zoho faults: {InternalErrorRate:P0} 500, {TooManyRequestsRate:P0} 429, {DropConnectionRate:P0} dropped connections, {DropResponseRate:P0} lost responses; " +
        $"{Instances} app instance(s), one killed and restarted {AppRestarts}x; Azurite restarted {AzuriteRestarts}x (persistent data folder); " +
        $"Zoho concurrent-job limit {JobLimit}, jobs of {JobDurationSeconds} s";
}
