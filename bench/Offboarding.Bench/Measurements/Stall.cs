namespace Offboarding.Bench.Measurements;

/// <summary>A stretch of time in which the storage emulator answered nothing.</summary>
public readonly record struct Stall(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Duration => To - From;

    public bool Contains(DateTimeOffset moment) => moment >= From && moment < To;

    /// <summary>The part of this stall inside [from, to); null when they do not overlap.</summary>
    public Stall? Within(DateTimeOffset from, DateTimeOffset to)
    {
        var start = From > from ? From : from;
        var end = To < to ? To : to;
        return end > start ? new Stall(start, end) : null;
    }
}
