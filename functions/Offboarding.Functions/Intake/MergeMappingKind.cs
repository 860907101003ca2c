namespace Offboarding.Functions.Intake;

public enum MergeMappingKind
{
    Mapped,

    /// <summary>The employee is ACTIVE, or has no termination date: any offboarding of theirs not yet sent is rescinded.</summary>
    Staying,
    Ignored,
    Invalid,
}
