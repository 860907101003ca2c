using Offboarding.Storage.Queues;
using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests;

/// <summary>Fresh, uniquely named queues and tables on the fixture's Azurite, so tests never share state.</summary>
internal static class AzuriteClients
{
    public static async Task<QueueClient> NewQueueAsync(this AzuriteFixture fixture, string prefix = "q", StorageClientOptions? options = null)
    {
        var queue = new QueueClient(fixture.ConnectionString, AzuriteFixture.UniqueName(prefix), options);
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    public static async Task<TableClient> NewTableAsync(this AzuriteFixture fixture, string prefix = "t", StorageClientOptions? options = null)
    {
        var table = new TableClient(fixture.ConnectionString, AzuriteFixture.UniqueName(prefix), options);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
