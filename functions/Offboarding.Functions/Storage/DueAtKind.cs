namespace Offboarding.Functions.Storage;

public enum DueAtKind
{
    Keep,
    Nothing,
    At,
}
