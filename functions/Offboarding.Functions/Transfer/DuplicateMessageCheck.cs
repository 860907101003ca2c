using Microsoft.Extensions.Logging;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>One webhook message makes one offboarding, even when its sender changed the body of a retry: the first to claim
/// the message keeps it, any other ends cancelled before anything reaches Zoho.</summary>
public sealed partial class DuplicateMessageCheck(
    WebhookMessageIndex messages,
    EventOutbox outbox,
    JobAdmission admission,
    TimeProvider time,
    ILogger<DuplicateMessageCheck> logger)
{
    /// <summary>Claims <paramref name="messageId"/> for offboarding <paramref name="id"/>; the other offboarding that has it, else null.</summary>
    public async Task<string?> MadeByOtherAsync(string messageId, string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await messages.ClaimAsync(messageId, id, now, cancellationToken).ConfigureAwait(false) is var madeBy && madeBy != id ? madeBy : null;

    /// <summary>Cancels the offboarding as a duplicate of <paramref name="madeBy"/>. False on a write conflict (read it again).</summary>
    public async Task<bool> CancelAsync(StoredOffboarding stored, string madeBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var record = stored.Record;
        var now = time.GetUtcNow();
        record.Cancel(new OperatorAction(now, "intake", $"a duplicate: webhook message {record.WebhookMessageId} already made offboarding {madeBy}"));
        if (await outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is null)
        {
            // Changed meanwhile: read again (the slot it took is found again as its own).
            return false;
        }

        // The slot it took and its place among the waiters go to the next transfer.
        await admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        LogDuplicateMessage(logger, record.Id, madeBy);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding {OffboardingId} cancelled: its webhook message already made offboarding {MadeBy}")]
    private static partial void LogDuplicateMessage(ILogger logger, string offboardingId, string madeBy);
}
