namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>The system clock, moved forward by hand: a test lets a lease lapse without waiting for it.</summary>
public sealed class MovableTime : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
