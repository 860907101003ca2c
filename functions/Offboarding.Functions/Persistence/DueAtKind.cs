namespace Offboarding.Functions.Persistence;

public enum DueAtKind
{
    Keep,
    Nothing,
    At,
}
