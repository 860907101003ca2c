namespace Offboarding.LocalHost.Timers;

/// <summary>
/// How local host instances agree on who runs the timers. Not host.json settings: in Azure the host's own
/// singleton lock does this job. Changeable in code (tests shorten the lease).
/// </summary>
public sealed class TimerTriggerOptions
{
    /// <summary>The table holding one lock entity per timer function, with its last run (the schedule monitor).</summary>
    public string LeaseTable { get; set; } = "timerleases";

    /// <summary>How long a lease lasts unless renewed; renewed every quarter of it. An instance that dies frees it after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A run starting more than this after its scheduled time is past due.</summary>
    public TimeSpan PastDueTolerance { get; set; } = TimeSpan.FromSeconds(1);
}
