namespace Offboarding.LocalHost.Timers;

/// <summary>
/// How local host instances agree on who runs the timers, as the host's singleton lock does in Azure: the lease lasts
/// host.json's <c>singleton.listenerLockPeriod</c>. Changeable in code (tests shorten the lease).
/// </summary>
public sealed class TimerTriggerOptions
{
    /// <summary>The table holding one lock entity per timer function, with its last run (the schedule monitor).</summary>
    public string LeaseTable { get; set; } = "timerleases";

    /// <summary>How long a lease lasts unless renewed; renewed every quarter of it (and sought as often by the others, where
    /// the host waits its <c>listenerLockRecoveryPollingInterval</c>). An instance that dies frees it after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A run starting more than this after its scheduled time is past due.</summary>
    public TimeSpan PastDueTolerance { get; set; } = TimeSpan.FromSeconds(1);
}
