using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>The queue-triggered functions. A transfer that throws fails the delivery; the host retries it and, after
/// host.json's maxDequeueCount, moves it to the poison queue, whose function ends the offboarding as failed.</summary>
public sealed class TransferFunctions(TransferHandler transfer)
{
    [Function("Transfer")]
    public Task TransferAsync(
        [QueueTrigger(StorageNames.RequestQueue, Connection = SettingNames.Storage)] QueueMessage message, CancellationToken cancellationToken) =>
        transfer.RunAsync(message, cancellationToken);

    [Function("TransferPoison")]
    public Task TransferPoisonAsync(
        [QueueTrigger(StorageNames.RequestPoisonQueue, Connection = SettingNames.Storage)] QueueMessage message, CancellationToken cancellationToken) =>
        transfer.RunPoisonedAsync(message, cancellationToken);
}
