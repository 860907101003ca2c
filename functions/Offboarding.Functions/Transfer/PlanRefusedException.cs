namespace Offboarding.Functions.Transfer;

/// <summary>The pipeline's own refusal to offboard (protected user, unknown leaver, no usable target): permanent, ends the
/// offboarding as failed with <see cref="Code"/>. Messages name Zoho ids, never emails or secrets.</summary>
public sealed class PlanRefusedException : Exception
{
    public PlanRefusedException()
    {
        Code = "REFUSED";
    }

    public PlanRefusedException(string message)
        : base(message)
    {
        Code = "REFUSED";
    }

    public PlanRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "REFUSED";
    }

    public PlanRefusedException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
