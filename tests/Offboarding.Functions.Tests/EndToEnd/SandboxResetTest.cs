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
    }

    /// <summary>
    /// Job slots are shared state in storage: a job an earlier test left running (the sandbox reset forgets it) would
    /// keep its slot, so each test starts with all slots free and nobody waiting.
    /// </summary>
    private async Task ClearJobSlotsAsync()
    {
        var table = new Azure.Data.Tables.TableClient(Fixture.Azurite.ConnectionString, global::Offboarding.Functions.Persistence.StorageNames.JobSlotTable);
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
