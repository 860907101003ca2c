using Azure.Core;
using Azure.Core.Pipeline;
using Offboarding.Storage.Queues;
using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests;

/// <summary>
/// Azurite verifies Shared Key signatures; each request it accepts here proves the canonicalization for an awkward
/// shape: extra query parameters with reserved and non-ASCII characters, extra x-ms-* headers, empty bodies.
/// A repeated query parameter is signed as documented (values sorted, comma-joined), but Azurite 3.35's queue
/// service keeps only the last value when it verifies, so that shape is only checked against the table service,
/// which ignores query parameters other than comp; the clients themselves never repeat a parameter.
/// </summary>
public sealed class SharedKeySigningTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _fixture;

    public SharedKeySigningTests(AzuriteFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("reserved")]
    [InlineData("unicode")]
    [InlineData("headers")]
    [InlineData("all")]
    public async Task Queue_requests_with_odd_query_parameters_and_headers_are_accepted(string shape)
    {
        var recorder = new AuthorizationRecorder();
        var options = recorder.Options(new StorageClientOptions());
        options.AddPolicy(new OddRequestShapes(shape), HttpPipelinePosition.PerCall);
        var queue = new QueueClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("sign"), options);

        await queue.CreateIfNotExistsAsync(); // PUT, empty body
        await queue.SendMessageAsync("signed");
        var message = Assert.Single(await queue.ReceiveMessagesAsync());
        var update = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero); // PUT, empty body
        await queue.DeleteMessageAsync(message.MessageId, update.PopReceipt);
        await queue.ClearMessagesAsync();

        Assert.Equal("SharedKey", recorder.LastScheme);
        Assert.True(recorder.Requests >= 6);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Theory]
    [InlineData("reserved")]
    [InlineData("unicode")]
    [InlineData("repeated")]
    [InlineData("headers")]
    [InlineData("all")]
    public async Task Table_requests_with_odd_query_parameters_and_headers_are_accepted(string shape)
    {
        var recorder = new AuthorizationRecorder();
        var options = recorder.Options(new StorageClientOptions());
        options.AddPolicy(new OddRequestShapes(shape), HttpPipelinePosition.PerCall);
        var table = new TableClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("sign"), options);

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p & q", "r = 1 + 1") { ["V"] = 1 });
        var found = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"p & q"}")).ToListAsync();
        await table.DeleteEntityAsync("p & q", "r = 1 + 1"); // DELETE, empty body

        Assert.Equal("SharedKeyLite", recorder.LastScheme);
        Assert.Single(found);
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task A_retried_request_is_signed_again()
    {
        var fault = new FailFirstAttemptAfterSigning();
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.AddPolicy(fault, HttpPipelinePosition.PerRetry);
        var queue = new QueueClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("retry"), options);

        // The first attempt gains a header after it was signed and then fails like a dropped connection.
        // The retry carries that header, so Azurite accepts it only if the retry was signed afresh.
        await queue.CreateIfNotExistsAsync();

        Assert.Equal(2, fault.Attempts);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    private sealed class FailFirstAttemptAfterSigning : HttpPipelineSynchronousPolicy
    {
        public int Attempts { get; private set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            Attempts++;
            if (Attempts == 1)
            {
                message.Request.Headers.SetValue("x-ms-client-added-late", "changes the string to sign");
                throw new IOException("Simulated dropped connection.");
            }
        }
    }

    /// <summary>Adds parameters and headers the service ignores but must include in (or exclude from) the signature.</summary>
    private sealed class OddRequestShapes(string shape) : HttpPipelineSynchronousPolicy
    {
        private static bool IsTable(HttpMessage message) => message.Request.Headers.Contains("DataServiceVersion");

        public override void OnSendingRequest(HttpMessage message)
        {
            if (shape is "reserved" or "all")
            {
                message.Request.Uri.AppendQuery("Zeta", "a b/c?d=e&f");
            }

            if (shape is "unicode" or "all")
            {
                message.Request.Uri.AppendQuery("alpha", "ünïcödé+%");
            }

            if (shape is "repeated" || (shape is "all" && IsTable(message)))
            {
                message.Request.Uri.AppendQuery("multi", "2");
                message.Request.Uri.AppendQuery("multi", "1");
            }

            if (shape is "headers" or "all")
            {
                message.Request.Headers.SetValue("x-ms-client-custom", "  padded value  ");
                message.Request.Headers.SetValue("X-MS-Upper-Case", "Mixed");
            }
        }
    }
}
