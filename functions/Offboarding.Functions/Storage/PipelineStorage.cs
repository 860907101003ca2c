using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Offboarding.Functions.Storage;

/// <summary>The queues and tables the pipeline uses, named once.</summary>
public sealed class PipelineStorage(QueueServiceClient queues, TableServiceClient tables)
{
    public QueueClient Requests { get; } = queues.GetQueueClient(StorageNames.RequestQueue);

    public QueueClient RequestsPoison { get; } = queues.GetQueueClient(StorageNames.RequestPoisonQueue);

    public QueueClient Events { get; } = queues.GetQueueClient(StorageNames.EventQueue);

    public TableClient Offboardings { get; } = tables.GetTableClient(StorageNames.OffboardingTable);

    public TableClient Due { get; } = tables.GetTableClient(StorageNames.DueIndexTable);

    public TableClient Tokens { get; } = tables.GetTableClient(StorageNames.TokenTable);

    public TableClient JobSlots { get; } = tables.GetTableClient(StorageNames.JobSlotTable);

    /// <summary>Layoff batches, their people (rows, not queue messages: ADR 007) and who is in a live batch.</summary>
    public TableClient Batches { get; } = tables.GetTableClient(StorageNames.BatchTable);
    public TableClient Credits { get; } = tables.GetTableClient(StorageNames.CreditTable);

    /// <summary>
    /// Creates whatever of them is missing (idempotent). Called once at start-up by <see cref="StorageProvisioner"/>;
    /// in Azure, infra/main.bicep has created them already.
    /// </summary>
    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            Requests.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            RequestsPoison.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Events.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Offboardings.CreateIfNotExistsAsync(cancellationToken),
            Due.CreateIfNotExistsAsync(cancellationToken),
            Tokens.CreateIfNotExistsAsync(cancellationToken),
            JobSlots.CreateIfNotExistsAsync(cancellationToken),
            Batches.CreateIfNotExistsAsync(cancellationToken),
            Credits.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
    }
}
