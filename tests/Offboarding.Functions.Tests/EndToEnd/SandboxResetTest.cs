namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>An end-to-end test class whose tests each start from the sandbox's default org and an empty call log.</summary>
public abstract class SandboxResetTest : IAsyncLifetime
{
    protected SandboxResetTest(PipelineFixture fixture) => Fixture = fixture ?? throw new ArgumentNullException(nameof(fixture));

    protected PipelineFixture Fixture { get; }

    public async Task InitializeAsync()
    {
        await Fixture.Sandbox.Control.ResetAsync();
        await Fixture.Sandbox.Control.ClearCallLogAsync();
        await ClearJobSlotsAsync();

        // Likewise the credits: a "credits out" mark, spend or waiters an earlier test left would hold this one's calls.
        await ClearTableAsync(global::Offboarding.Functions.Storage.StorageNames.CreditTable);

        // And who is in a live layoff batch: a webhook for such a person joins the batch's offboarding instead of making one.
        await ClearTableAsync(global::Offboarding.Functions.Storage.StorageNames.BatchTable, "who");

        // And who is leaving: an offboarding an earlier test left pending for a manager would send their reports' records up the line.
        await ClearTableAsync(global::Offboarding.Functions.Storage.StorageNames.OffboardingTable, global::Offboarding.Functions.Storage.LeaverIndex.PartitionPrefix, prefix: true);
    }

    /// <summary>
    /// Job slots are shared state in storage: a job an earlier test left running (the sandbox reset forgets it) would
    /// keep its slot, so each test starts with all slots free and nobody waiting.
    /// </summary>
    private Task ClearJobSlotsAsync() => ClearTableAsync(global::Offboarding.Functions.Storage.StorageNames.JobSlotTable);

    /// <summary>
    /// For tests that count calls, slots or waits: their drains and poll cycles would also work through what earlier tests
    /// left in the shared storage (queued requests, due rows), so these go too. The tests of the collection run one at a time.
    /// </summary>
    protected async Task ClearSharedWorkAsync()
    {
        await new Azure.Storage.Queues.QueueClient(Fixture.Azurite.ConnectionString, global::Offboarding.Functions.Storage.StorageNames.RequestQueue).ClearMessagesAsync();
        await ClearTableAsync(global::Offboarding.Functions.Storage.StorageNames.DueIndexTable);
    }

    /// <summary>Deletes every row of a shared table (or of one partition of it, or of every partition starting so).</summary>
    protected async Task ClearTableAsync(string name, string? partition = null, bool prefix = false)
    {
        var table = new Azure.Data.Tables.TableClient(Fixture.Azurite.ConnectionString, name);
        var filter = partition is null ? null
            : prefix ? Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey ge {partition} and PartitionKey lt {partition + '\uffff'}")
            : Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
