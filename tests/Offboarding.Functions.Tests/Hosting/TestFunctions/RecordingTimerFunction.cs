using System.Collections.Concurrent;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Tests.Hosting.TestFunctions;

/// <summary>A timer function that records each tick and which app instance ran it.</summary>
internal sealed class RecordingTimerFunction(string schedule, string instance, ConcurrentQueue<(string Instance, TimerTriggerInfo Info)> ticks) : ITimerFunction
{
    public string Name => "RecordTimer";

    public string Schedule => schedule;

    public Task RunAsync(TimerTriggerInfo timer, CancellationToken cancellationToken)
    {
        ticks.Enqueue((instance, timer));
        return Task.CompletedTask;
    }
}
