using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Offboarding.Storage.Queues;
using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests;

/// <summary>Azure.Core logs every request at Verbose; none of those lines may carry the key, a signature or a pop receipt.</summary>
public sealed class StorageLoggingTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _fixture;

    public StorageLoggingTests(AzuriteFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Verbose_pipeline_logs_contain_no_key_signature_or_pop_receipt()
    {
        var lines = new List<string>();
        using var listener = new AzureEventSourceListener(
            (_, message) =>
            {
                lock (lines)
                {
                    lines.Add(message);
                }
            },
            EventLevel.Verbose);
        var recorder = new AuthorizationRecorder();
        var queue = new QueueClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("logs"), recorder.Options());
        var tableRecorder = new AuthorizationRecorder();
        var table = new TableClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("logs"), tableRecorder.Options());

        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("logged?");
        var message = Assert.Single(await queue.ReceiveMessagesAsync());
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        string[] captured;
        lock (lines)
        {
            captured = [.. lines];
        }

        // Not vacuous: the requests were logged, with their (allowed) headers.
        Assert.Contains(captured, l => l.Contains("x-ms-version", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(captured, l => l.Contains(queue.Name, StringComparison.Ordinal));
        foreach (var secret in new[] { AzuriteProcess.AccountKey, recorder.LastSignature!, tableRecorder.LastSignature!, message.PopReceipt })
        {
            Assert.DoesNotContain(captured, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
