using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Which offboarding each Standard Webhooks message made: <c>webhook-id</c> is the same on every retry, so a known id is
/// that message again, whatever its copy carries. Rows sit beside the records, outside the listing.
/// </summary>
public sealed class WebhookMessageIndex(PipelineStorage storage)
{
    private readonly TableClient _table = storage.Offboardings;

    private const string PartitionPrefix = "webhook-";
    private const string RowKey = "message";
    private const string IdColumn = "OffboardingId";

    /// <summary>
    /// Records that <paramref name="messageId"/> made <paramref name="offboardingId"/>, unless the id was seen already;
    /// returns the offboarding the message made (the one given, or the earlier one).
    /// </summary>
    public async Task<string> ClaimAsync(string messageId, string offboardingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(messageId), RowKey) { [IdColumn] = offboardingId, ["FirstSeen"] = now };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return offboardingId;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await FindAsync(messageId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A webhook message conflicted on insert but cannot be read.");
        }
    }

    /// <summary>The offboarding an earlier copy of this message made; null for a message not seen before.</summary>
    public async Task<string?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(messageId), RowKey, [IdColumn], cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? entity.Value!.GetString(IdColumn) : null;
    }

    // Message ids are the sender's text (up to 256 characters, any but '.' and controls): hashed into a valid key.
    private static string Partition(string messageId) =>
        PartitionPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));
}
