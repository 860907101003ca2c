using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Which offboardings were made for a person, by the request's work email and Zoho id: one row per key beside the records
/// (outside the listing) holding their ids, so "is this manager leaving?" is a point read per key, never a partition scan.
/// </summary>
public sealed class LeaverIndex(PipelineStorage storage, OffboardingStore store)
{
    private readonly TableClient _table = storage.Offboardings;

    /// <summary>Every index partition starts so; nothing else in the table does.</summary>
    public const string PartitionPrefix = "leaver-";

    /// <summary>The row key of a person's row: a constant, so the row is read by point.</summary>
    public const string IdsRow = "ids";

    private const string IdsColumn = "Ids";

    /// <summary>The newest ids a row keeps: a person offboarded more often than this (a replaying HRIS) is still seen as leaving
    /// through their latest ones.</summary>
    public const int MaxIds = 20;

    /// <summary>Writers of one person's row at once are rare (two requests for the same leaver): a few rounds settle them.</summary>
    private const int MaxAttempts = 8;

    /// <summary>Notes <paramref name="record"/> under its leaver's keys (idempotent); a dry run or a role or portal operation has none.</summary>
    public Task AddAsync(OffboardingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Request.DryRun || record.Request.Operation != OffboardingOperation.UserTransferAndDelete)
        {
            return Task.CompletedTask;
        }

        var employee = record.Request.Employee;
        return Task.WhenAll(Keys(employee?.WorkEmail, employee?.ZohoUserId).Select(key => AddIdAsync(key, record.Id, cancellationToken)));
    }

    /// <summary>An offboarding of this person that has not finished (accepted, held, submitting, …), or null: one point read per
    /// key, then one state read per offboarding found for them (none for most people).</summary>
    public async Task<(string Id, OffboardingState State)?> FindPendingAsync(string? email, string? zohoUserId, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(Keys(email, zohoUserId).Select(async key => Ids(await ReadAsync(key, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var ids = found.SelectMany(i => i).Distinct(StringComparer.Ordinal).ToList();
        var states = await Task.WhenAll(ids.Select(id => store.GetStateAsync(id, cancellationToken))).ConfigureAwait(false);
        return ids.Zip(states).Where(p => p.Second is { } s && !s.IsTerminal()).Select(p => ((string, OffboardingState)?)(p.First, p.Second!.Value)).FirstOrDefault();
    }

    // The common case, a person's first offboarding, is one insert, tried unread; a later one reads the row and replaces it as read.
    private async Task AddIdAsync(string key, string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = attempt == 0 ? null : await ReadAsync(key, cancellationToken).ConfigureAwait(false);
            var ids = Ids(current);
            if (ids.Contains(id, StringComparer.Ordinal))
            {
                return;
            }

            var row = new TableEntity(key, IdsRow) { [IdsColumn] = string.Join(' ', ids.Append(id).TakeLast(MaxIds)) };
            try
            {
                if (current is null)
                {
                    await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                // Another writer of this person's row came first (or a write of ours landed with its answer lost): read again.
            }
        }

        throw new RequestFailedException(503, $"The leaver index row of offboarding {id} kept changing under {MaxAttempts} attempts; try again.");
    }

    private async Task<TableEntity?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(key, IdsRow, [IdsColumn], cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    private static List<string> Ids(TableEntity? row) =>
        [.. (row?.GetString(IdsColumn) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    // An email is matched as the records' Email column is (lower-cased); keys are hashed into valid, fixed-length partition keys.
    private static IEnumerable<string> Keys(string? email, string? zohoUserId)
    {
        if (!string.IsNullOrWhiteSpace(email))
        {
            yield return Key("email:" + email.Trim().ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(zohoUserId))
        {
            yield return Key("zoho:" + zohoUserId.Trim());
        }
    }

    private static string Key(string value) => PartitionPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
