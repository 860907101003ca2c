using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>Starts the renewal of a Submitting claim for as long as its holder calls Zoho, so a claim lapses within one
/// short lease of its holder's death instead of outliving it by the longest call (docs/adr/002-never-a-second-delete.md).</summary>
public sealed partial class ClaimRenewal(OffboardingRepository repository, IOptions<TransferOptions> options, TimeProvider time, ILogger<ClaimRenewal> logger)
{
    private readonly TransferOptions _options = options.Value;

    /// <summary>Renews <paramref name="claimed"/> every <see cref="TransferOptions.ClaimRenewEvery"/> until the lease is stopped.</summary>
    public ClaimLease Start(StoredOffboarding claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return new ClaimLease(claimed, this, cancellationToken);
    }

    internal TimeSpan Every => _options.ClaimRenewEvery;

    /// <summary>How long after its last renewal a holder gives its claim up: half the lease, so it has stopped calling Zoho
    /// well before any other instance may take the claim over, whatever the clocks' skew within that margin.</summary>
    internal TimeSpan GiveUpAfter => _options.SubmittingLease / 2;

    internal DateTimeOffset Now => time.GetUtcNow();

    internal Task DelayAsync(CancellationToken cancellationToken) => Task.Delay(Every, time, cancellationToken);

    internal Task<Azure.ETag?> TryRenewAsync(StoredOffboarding current, DateTimeOffset at, CancellationToken cancellationToken) =>
        repository.TryRenewClaimAsync(current.Record.Id, current.ETag, at, cancellationToken);

    internal Task<StoredOffboarding?> ReadAsync(string id, CancellationToken cancellationToken) => repository.GetAsync(id, cancellationToken);

    internal void Lost(string id, string why) => LogLost(logger, id, why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: its claim is lost ({Reason}); no further Zoho call under it")]
    private static partial void LogLost(ILogger logger, string offboardingId, string reason);
}
