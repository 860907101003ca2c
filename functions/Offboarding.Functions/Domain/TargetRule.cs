namespace Offboarding.Functions.Domain;

/// <summary>Which rule picked the user who receives the leaver's records; recorded so operators can see why.</summary>
public enum TargetRule
{
    /// <summary>The request named the target (Zoho id or email).</summary>
    Explicit,

    /// <summary>The leaver's manager in Zoho (<c>Reporting_To</c>).</summary>
    Manager,

    /// <summary>The configured fallback user, because the manager was missing or unusable.</summary>
    Fallback,
}
