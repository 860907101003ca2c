namespace Offboarding.Functions.Tests;

/// <summary>A clock that says what the test tells it; the time itself is the input under test here, not a fake service.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
