namespace Offboarding.Functions.Storage;

/// <summary>What a save does to the record's place in the due index: keep it, drop it, or move it to a time.</summary>
public readonly record struct DueAt(DueAtKind Kind, DateTimeOffset Time)
{
    public static DueAt Keep => new(DueAtKind.Keep, default);

    public static DueAt Nothing => new(DueAtKind.Nothing, default);

    public static DueAt At(DateTimeOffset time) => new(DueAtKind.At, time);
}
