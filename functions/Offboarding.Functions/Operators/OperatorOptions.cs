namespace Offboarding.Functions.Operators;

/// <summary>Who may use the operator endpoints (section <c>Operators</c>).</summary>
public sealed class OperatorOptions
{
    /// <summary>The app role an Entra ID caller needs, as Easy Auth passes it in <c>X-MS-CLIENT-PRINCIPAL</c>.</summary>
    public string Role { get; set; } = "Offboarding.Operator";

    /// <summary>
    /// A bearer key that stands in for an operator identity where Easy Auth is not in front (local runs, tests).
    /// At least 32 characters; unset, only Easy Auth identities get in.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>The key is refused when the app runs in Azure unless this is set: there Easy Auth is the way in.</summary>
    public bool AllowKeyInAzure { get; set; }
}
