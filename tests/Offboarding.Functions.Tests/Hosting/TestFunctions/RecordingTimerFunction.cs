using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;

namespace Offboarding.Functions.Tests.Hosting.TestFunctions;

/// <summary>A timer function that records each tick and which app instance ran it.</summary>
internal sealed class RecordingTimerFunction(string instance, ConcurrentQueue<(string Instance, TimerInfo Info)> ticks)
{
    public Task RunAsync(TimerInfo timer)
    {
        ticks.Enqueue((instance, timer));
        return Task.CompletedTask;
    }
}
