namespace Offboarding.Functions.Triggers;

/// <summary>A timer-triggered function with an NCRONTAB schedule (six fields, seconds first).</summary>
public interface ITimerFunction
{
    string Name { get; }

    /// <summary>The schedule in force, from configuration; the Functions host reads the same setting (%Setting%).</summary>
    string Schedule { get; }

    Task RunAsync(TimerTriggerInfo timer, CancellationToken cancellationToken);
}
