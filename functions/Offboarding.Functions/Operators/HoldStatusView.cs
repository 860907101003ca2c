using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Operators;

/// <summary>What <c>GET /api/holds</c> shows: whether the hold is open, why, and the held offboardings (newest first).</summary>
public sealed record HoldStatusView(bool Open, string? HoldId, DateTimeOffset? OpenedAt, int Count, int Threshold, string Window, bool Enabled, IReadOnlyList<OffboardingSummary> Held, string? HeldContinuationToken)
{
    public const int FirstPage = 100;

    public static async Task<HoldStatusView> ReadAsync(BlastRadiusHold hold, OffboardingRepository repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(repository);
        var state = await hold.StateAsync(cancellationToken).ConfigureAwait(false);
        var (held, next) = await repository.QueryAsync(new OffboardingQuery { State = OffboardingState.Held, PageSize = FirstPage }, cancellationToken).ConfigureAwait(false);
        return new HoldStatusView(
            state.Open, state.HoldId, state.OpenedAt, state.Count, hold.Threshold, System.Xml.XmlConvert.ToString(hold.Window), hold.Enabled,
            [.. held.Select(OffboardingSummary.From)], next?.Encode());
    }
}
