namespace Offboarding.Functions.Intake;

/// <summary>What a Merge webhook turned into; <see cref="EmployeeEventPrefix"/> is shared by every event id of the employee's
/// offboardings, so a webhook showing them staying can find those not yet sent.</summary>
public sealed record MergeMapping(MergeMappingKind Kind, ReadOnlyMemory<byte> CanonicalJson, string? Reason, string? EmployeeEventPrefix = null)
{
    public static MergeMapping Mapped(byte[] json) => new(MergeMappingKind.Mapped, json, null);

    public static MergeMapping Staying(string reason, string employeeEventPrefix) => new(MergeMappingKind.Staying, ReadOnlyMemory<byte>.Empty, reason, employeeEventPrefix);

    public static MergeMapping Ignored(string reason) => new(MergeMappingKind.Ignored, ReadOnlyMemory<byte>.Empty, reason);

    public static MergeMapping Invalid(string reason) => new(MergeMappingKind.Invalid, ReadOnlyMemory<byte>.Empty, reason);
}
