namespace Zoho.Crm.Tests.Support;

/// <summary>A clock the test moves by hand (only for clients without retries: it does not drive timers).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
