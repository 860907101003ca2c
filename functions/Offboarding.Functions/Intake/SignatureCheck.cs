namespace Offboarding.Functions.Intake;

/// <summary>The result of checking a webhook signature; <see cref="Problem"/> says why it failed without revealing secrets.</summary>
public sealed record SignatureCheck(bool IsValid, string? Problem)
{
    public static SignatureCheck Valid { get; } = new(true, null);

    public static SignatureCheck Invalid(string problem) => new(false, problem);
}
