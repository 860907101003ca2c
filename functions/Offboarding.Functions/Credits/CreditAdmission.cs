using Microsoft.Extensions.Options;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Credits;

/// <summary>Whether a new transfer may start now as far as credits go: not while Zoho's credits are out, and within a budget
/// only when its expected cost fits. Its answer is when to look again.</summary>
public sealed class CreditAdmission(CreditMark mark, CreditLedger ledger, CreditCosts costs, CreditTable table, IOptions<CreditOptions> options, TimeProvider time)
{
    /// <summary>Waiting transfers look again a little after the running jobs' polls, spread out, so the polls go first.</summary>
    private static readonly TimeSpan AfterPolls = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Spread = TimeSpan.FromSeconds(8);

    private readonly CreditOptions _options = options.Value;

    /// <summary>Null when the transfer may go; else when to look again, and why.</summary>
    public async Task<CreditHold?> HoldAsync(CancellationToken cancellationToken)
    {
        if (await mark.CurrentAsync(cancellationToken).ConfigureAwait(false) is { } exhausted)
        {
            return new CreditHold(Later(exhausted.NextProbeAt),
                $"Zoho's API credits are exhausted since {exhausted.Since:O}; Zoho is probed again at {exhausted.NextProbeAt:O}");
        }

        if (_options.CreditBudget is not { } budget)
        {
            return null;
        }

        var spend = await ledger.ReadAsync(fresh: false, cancellationToken).ConfigureAwait(false);
        var expected = costs.Expected;
        var fitsAt = ledger.FitsAt(spend, expected, _options.TransferLimit);
        return fitsAt <= time.GetUtcNow() ? null : new CreditHold(Later(fitsAt),
            $"the app's credit budget ({budget} per {_options.CreditWindow:c}, {_options.CreditReserve} kept for polls) has {Math.Max(0, _options.TransferLimit - spend.Spent)} left; a transfer costs about {expected}; it fits at {fitsAt:O}");
    }

    public Task AddWaiterAsync(string offboardingId, DateTimeOffset since, CancellationToken cancellationToken) =>
        table.AddWaiterAsync(offboardingId, since, cancellationToken);

    public Task RemoveWaiterAsync(string offboardingId, CancellationToken cancellationToken) =>
        table.RemoveWaiterAsync(offboardingId, cancellationToken);

    private static DateTimeOffset Later(DateTimeOffset at) => at + AfterPolls + (Spread * Random.Shared.NextDouble());
}

/// <summary>A transfer must wait for credits until <see cref="Until"/>, for <see cref="Reason"/>.</summary>
public sealed record CreditHold(DateTimeOffset Until, string Reason);
