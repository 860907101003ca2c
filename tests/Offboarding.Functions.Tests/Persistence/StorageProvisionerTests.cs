using Microsoft.Extensions.Logging.Abstractions;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Persistence;
using Offboarding.Functions.Tests.Hosting;
using TestSupport;

namespace Offboarding.Functions.Tests.Persistence;

/// <summary>The one place the pipeline's queues and tables are created, against a real Azurite.</summary>
/// <remarks>
/// In the pipeline tests' collection, so never beside them: these stop an Azurite of their own and start it again on its
/// ports, and while it is down those ports are free for the operating system to hand to another Azurite starting then
/// (the shared one), whose clients then met this one's restart: queues gone, answers stalled (seen as the job-admission
/// layoff never finishing, and this test's own storage refusing connections).
/// </remarks>
[Collection(EndToEnd.PipelineTestGroup.Name)]
public sealed class StorageProvisionerTests
{
    private static readonly string[] Queues = [StorageNames.RequestQueue, StorageNames.RequestPoisonQueue, StorageNames.EventQueue];
    private static readonly string[] Tables = [StorageNames.OffboardingTable, StorageNames.DueIndexTable, StorageNames.TokenTable, StorageNames.JobSlotTable];

    [Fact]
    public async Task Start_up_creates_every_queue_and_table_before_it_returns()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        using var provisioner = new StorageProvisioner(StorageAccount.Pipeline(azurite.ConnectionString), NullLogger<StorageProvisioner>.Instance);

        await provisioner.StartAsync(CancellationToken.None);

        Assert.Equal((Queues.Length, Tables.Length), await CountExistingAsync(azurite.ConnectionString));
        await provisioner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task With_storage_down_the_app_still_starts_and_creates_them_once_storage_answers()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await azurite.StopAsync();
        using var provisioner = new StorageProvisioner(StorageAccount.Pipeline(azurite.ConnectionString), NullLogger<StorageProvisioner>.Instance);

        await provisioner.StartAsync(CancellationToken.None);
        await azurite.RestartAsync();

        await Eventually.HoldsAsync(
            async () => await CountExistingAsync(azurite.ConnectionString) == (Queues.Length, Tables.Length),
            "the background retry created every queue and table",
            seconds: 90);
        await provisioner.StopAsync(CancellationToken.None);
    }

    private static async Task<(int Queues, int Tables)> CountExistingAsync(string connectionString)
    {
        var queues = 0;
        foreach (var name in Queues)
        {
            queues += (await StorageAccount.Queues(connectionString).GetQueueClient(name).ExistsAsync()).Value ? 1 : 0;
        }

        var tables = 0;
        await foreach (var table in StorageAccount.Tables(connectionString).QueryAsync(filter: (string?)null))
        {
            tables += Tables.Contains(table.Name) ? 1 : 0;
        }

        return (queues, tables);
    }
}
