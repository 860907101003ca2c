namespace Offboarding.Functions.Intake;

/// <summary>What a Merge webhook turned into: canonical request JSON, an event to ignore, or an unreadable payload.</summary>
public sealed record MergeMapping(MergeMappingKind Kind, ReadOnlyMemory<byte> CanonicalJson, string? Reason)
{
    public static MergeMapping Mapped(byte[] json) => new(MergeMappingKind.Mapped, json, null);

    public static MergeMapping Ignored(string reason) => new(MergeMappingKind.Ignored, ReadOnlyMemory<byte>.Empty, reason);

    public static MergeMapping Invalid(string reason) => new(MergeMappingKind.Invalid, ReadOnlyMemory<byte>.Empty, reason);
}
