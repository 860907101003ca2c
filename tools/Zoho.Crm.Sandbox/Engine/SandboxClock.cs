namespace Zoho.Crm.Sandbox.Engine;

/// <summary>Real time plus an offset tests can advance, so job progress and token expiry need no sleeping.</summary>
public sealed class SandboxClock(TimeProvider time)
{
    private long _offsetTicks;

    public DateTimeOffset Now => time.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
