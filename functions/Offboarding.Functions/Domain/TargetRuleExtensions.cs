namespace Offboarding.Functions.Domain;

public static class TargetRuleExtensions
{
    /// <summary>The name in the status API and the events (<c>manager_above</c>, as a batch's plan names it).</summary>
    public static string ToWireName(this TargetRule rule) => rule switch
    {
        TargetRule.ManagerAbove => "manager_above",
        _ => rule.ToString().ToLowerInvariant(),
    };
}
