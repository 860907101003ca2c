namespace Offboarding.Functions.Domain;

/// <summary>Which rule picked the user who receives the leaver's records; recorded so operators can see why.</summary>
public enum TargetRule
{
    /// <summary>The request named the target (Zoho id or email).</summary>
    Explicit,

    /// <summary>The leaver's manager in Zoho (<c>Reporting_To</c>).</summary>
    Manager,

    /// <summary>The configured fallback user, because the manager was missing or unusable, or everyone up the line is leaving.</summary>
    Fallback,

    /// <summary>The first manager up the reporting line who is not leaving: the manager (and maybe theirs) has an offboarding pending.</summary>
    ManagerAbove,
}
