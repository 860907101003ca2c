namespace Offboarding.Functions.Intake;

public enum MergeMappingKind
{
    Mapped,
    Ignored,
    Invalid,
}
