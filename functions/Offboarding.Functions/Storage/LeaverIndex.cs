using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Which offboardings were made for a person, by the request's work email and Zoho id: rows beside the records (a partition
/// per key, row key the offboarding id, outside the listing), so "is this manager leaving?" is one partition query per key.
/// </summary>
public sealed class LeaverIndex(PipelineStorage storage, OffboardingStore store)
{
    private readonly TableClient _table = storage.Offboardings;

    /// <summary>Every index partition starts so; nothing else in the table does.</summary>
    public const string PartitionPrefix = "leaver-";

    /// <summary>Notes <paramref name="record"/> under its leaver's keys (idempotent); a dry run or a role or portal operation has none.</summary>
    public Task AddAsync(OffboardingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Request.DryRun || record.Request.Operation != OffboardingOperation.UserTransferAndDelete)
        {
            return Task.CompletedTask;
        }

        var employee = record.Request.Employee;
        return Task.WhenAll(Keys(employee?.WorkEmail, employee?.ZohoUserId).Select(key =>
            _table.UpsertEntityAsync(new TableEntity(key, record.Id), TableUpdateMode.Replace, cancellationToken)));
    }

    /// <summary>An offboarding of this person that has not finished (accepted, held, submitting, …), or null: one query per
    /// key, then one state read per offboarding found for them (none for most people).</summary>
    public async Task<(string Id, OffboardingState State)?> FindPendingAsync(string? email, string? zohoUserId, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(Keys(email, zohoUserId).Select(key => IdsAsync(key, cancellationToken))).ConfigureAwait(false);
        var ids = found.SelectMany(i => i).Distinct(StringComparer.Ordinal).ToList();
        var states = await Task.WhenAll(ids.Select(id => store.GetStateAsync(id, cancellationToken))).ConfigureAwait(false);
        return ids.Zip(states).Where(p => p.Second is { } s && !s.IsTerminal()).Select(p => ((string, OffboardingState)?)(p.First, p.Second!.Value)).FirstOrDefault();
    }

    private async Task<List<string>> IdsAsync(string partition, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 100, ["RowKey"], cancellationToken).ConfigureAwait(false))
        {
            ids.Add(entity.RowKey);
        }

        return ids;
    }

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
