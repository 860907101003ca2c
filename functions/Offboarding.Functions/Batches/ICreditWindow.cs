namespace Offboarding.Functions.Batches;

/// <summary>The org's Zoho API credits left in the rolling 24 h window, as far as the app knows: the seam the credit
/// ledger (being built beside this) plugs into. Until it does, <see cref="UnknownCreditWindow"/> says nothing is known.</summary>
public interface ICreditWindow
{
    /// <summary>What is left now, or null when the app does not know.</summary>
    Task<CreditWindowReading?> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Credits left of the allowance in the window, and when the oldest spend in it frees up.</summary>
public sealed record CreditWindowReading(long Remaining, long Allowance, DateTimeOffset? NextFreeAt);

/// <summary>No credit ledger wired: estimates give the credits a batch will spend without saying whether they fit.</summary>
public sealed class UnknownCreditWindow : ICreditWindow
{
    public Task<CreditWindowReading?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<CreditWindowReading?>(null);
}
