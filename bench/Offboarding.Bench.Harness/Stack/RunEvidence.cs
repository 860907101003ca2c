using System.Text.Json;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Zoho.Crm.Sandbox.Control;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>What a run leaves to look at afterwards: every offboarding with its audit trail, the sandbox's call log and its
/// jobs; written as JSON when the run is given a path (README, "Benchmark and fault soak").</summary>
public static class RunEvidence
{
    /// <summary>Every offboarding on the run's storage account.</summary>
    public static async Task<IReadOnlyList<OffboardingRecord>> ReadRecordsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var store = new OffboardingStore(StorageAccount.Pipeline(connectionString));
        var records = new List<OffboardingRecord>();
        await foreach (var record in store.ListAsync(null, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Writes <c>PATH.records.json</c>, <c>PATH.calls.json</c> and <c>PATH.jobs.json</c>.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<OffboardingRecord> records, IReadOnlyList<CallLogEntry> calls, IReadOnlyList<JobSnapshot> jobs, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path + ".records.json", JsonSerializer.Serialize(records), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(path + ".calls.json", JsonSerializer.Serialize(calls), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(path + ".jobs.json", JsonSerializer.Serialize(jobs), cancellationToken).ConfigureAwait(false);
    }
}
