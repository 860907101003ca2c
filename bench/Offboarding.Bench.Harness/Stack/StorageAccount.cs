using Azure.Data.Tables;
using Azure.Storage.Queues;
using Offboarding.Functions.Storage;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>Clients on a run's storage account with the app's own options: queue messages base64, as the queue trigger expects.</summary>
public static class StorageAccount
{
    public static QueueServiceClient Queues(string connectionString) =>
        new(connectionString, StorageClientRegistration.Configure(new QueueClientOptions(), QueueMessageEncoding.Base64));

    public static TableServiceClient Tables(string connectionString) => new(connectionString, StorageClientRegistration.Configure(new TableClientOptions()));

    /// <summary>The app's own queues and tables.</summary>
    public static PipelineStorage Pipeline(string connectionString) => new(Queues(connectionString), Tables(connectionString));
}
