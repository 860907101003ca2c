namespace Offboarding.Functions.Intake;

/// <summary>
/// What a Merge webhook turned into: canonical request JSON, an employee who is not (or no longer) leaving, or an
/// unreadable payload. <see cref="EmployeeEventPrefix"/> is the start every event id of this employee's offboardings
/// shares, so one that shows them staying can find and rescind those not yet sent to Zoho.
/// </summary>
public sealed record MergeMapping(MergeMappingKind Kind, ReadOnlyMemory<byte> CanonicalJson, string? Reason, string? EmployeeEventPrefix = null)
{
    public static MergeMapping Mapped(byte[] json) => new(MergeMappingKind.Mapped, json, null);

    public static MergeMapping Staying(string reason, string employeeEventPrefix) => new(MergeMappingKind.Staying, ReadOnlyMemory<byte>.Empty, reason, employeeEventPrefix);

    public static MergeMapping Ignored(string reason) => new(MergeMappingKind.Ignored, ReadOnlyMemory<byte>.Empty, reason);

    public static MergeMapping Invalid(string reason) => new(MergeMappingKind.Invalid, ReadOnlyMemory<byte>.Empty, reason);
}
