using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>The poll's step for a <see cref="OffboardingState.Verifying"/> offboarding: re-checks the leaver in Zoho, since
/// only the leaver's state tells whether a transfer with an unknown outcome ran (docs/adr/002-never-a-second-delete.md).</summary>
public sealed partial class UnconfirmedTransferVerifier(
    ZohoCrmClient zoho,
    UnconfirmedTransferResolution resolution,
    PollTiming timing,
    TimeProvider time,
    ILogger<UnconfirmedTransferVerifier> logger)
{
    public async Task VerifyAsync(StoredOffboarding stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var record = stored.Record;
        var leaverId = record.LeaverZohoId
            ?? throw new InvalidOperationException($"Offboarding {record.Id} is verifying without a resolved leaver.");

        // Time, not Zoho's answer, says a job the attempt may have scheduled would have ended: the slot goes before the
        // leaver is read, so a slow or failing read does not hold it. The record says so with the write below.
        var now = time.GetUtcNow();
        var freedAfter = await resolution.FreeOutlivedSlotAsync(record, now, cancellationToken).ConfigureAwait(false);
        ZohoUser? leaver;
        try
        {
            leaver = await zoho.GetUserAsync(leaverId, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoCrmException ex)
        {
            LogCheckFailed(logger, record.Id, ex.Code);
            var later = ex.IsCreditsExhausted && ex.RetryAfter is { } creditsBack ? creditsBack : timing.Backoff(record.VerifyCount);
            await resolution.CheckFailedAsync(stored, now, later, freedAfter, cancellationToken).ConfigureAwait(false);
            return;
        }

        record.VerifyCount++;
        await resolution.ResolveAsync(stored, leaverId, leaver, now, freedAfter, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId}: could not check the leaver ({Code}); checked again later")]
    private static partial void LogCheckFailed(ILogger logger, string offboardingId, string code);
}
