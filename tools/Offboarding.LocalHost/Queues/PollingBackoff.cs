namespace Offboarding.LocalHost.Queues;

/// <summary>
/// The host's polling back-off: after each empty poll the wait grows exponentially from 100 ms with ±20% jitter,
/// capped at maxPollingInterval; a poll that finds messages resets it.
/// </summary>
internal sealed class PollingBackoff(TimeSpan maximum)
{
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);
    private int _emptyPolls;

    public TimeSpan Next()
    {
        _emptyPolls = Math.Min(_emptyPolls + 1, 30);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        var milliseconds = Minimum.TotalMilliseconds * Math.Pow(2, _emptyPolls - 1) * jitter;
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, maximum.TotalMilliseconds));
    }

    public void Reset() => _emptyPolls = 0;
}
