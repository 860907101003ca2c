namespace Offboarding.Functions.Credits;

/// <summary>How this app spends Zoho API credits (section <c>Zoho</c>, next to the client's own settings; docs/adr/006-zoho-api-credits.md).</summary>
public sealed class CreditOptions
{
    /// <summary>Credits this app may spend per rolling <see cref="CreditWindow"/>; null (the default): unlimited, only Zoho's own
    /// exhaustion stops it. The org's credits are shared with every other integration.</summary>
    public long? CreditBudget { get; set; }

    /// <summary>Of the budget, kept for the status polls of jobs already running, so new transfers never starve them.</summary>
    public long CreditReserve { get; set; }

    /// <summary>Zoho's rolling window: a credit spent now is available again this long after (Zoho: 24 h).</summary>
    public TimeSpan CreditWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After Zoho says the credits are exhausted, the first probe call goes this long after; each refused probe doubles it.</summary>
    public TimeSpan CreditProbeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest pause between two probes.</summary>
    public TimeSpan CreditProbeMaxInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>What a new transfer may spend before the budget: the budget less the reserve (unlimited without a budget).</summary>
    public long TransferLimit => CreditBudget is { } budget ? budget - CreditReserve : long.MaxValue;
}
