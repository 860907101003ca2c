using System.Diagnostics;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Tests.Hosting.TestFunctions;
using Offboarding.LocalHost;
using Offboarding.LocalHost.Queues;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Queues;

/// <summary>Standalone mode's queue listener against a real Azurite, with the Functions queue-trigger semantics.</summary>
public sealed class QueueListenerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_message_is_decoded_from_base64_handed_to_the_function_once_and_deleted()
    {
        var (queue, host, function) = await StartAsync();
        await using var _ = host;

        await queue.SendMessageAsync("{\"n\":\"caf\u00e9\"}");

        await Eventually.HoldsAsync(() => !function.Invocations.IsEmpty, "the function ran");
        await Eventually.HoldsAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the message was deleted");
        var message = Assert.Single(function.Invocations);
        Assert.Equal("{\"n\":\"caf\u00e9\"}", message.MessageText);
        Assert.Equal(1, message.DequeueCount);
    }

    [Fact]
    public async Task A_message_that_fails_five_times_moves_to_the_poison_queue_with_its_text()
    {
        var (queue, host, function) = await StartAsync();
        await using var _ = host;
        var poison = Client(PoisonQueueNaming.NameFor(queue.Name));

        await queue.SendMessageAsync("{\"fail\":\"always\"}");

        await Eventually.HoldsAsync(async () => await PoisonCountAsync(poison) == 1, "the message reached the poison queue");
        Assert.Equal([1L, 2, 3, 4, 5], function.Invocations.Select(m => m.DequeueCount));
        Assert.Equal("{\"fail\":\"always\"}", Assert.Single((await poison.PeekMessagesAsync()).Value).MessageText);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_failed_message_stays_invisible_for_the_visibility_timeout_before_its_retry()
    {
        var (queue, host, function) = await StartAsync(new() { [QueuesKey("visibilityTimeout")] = "00:00:03" });
        await using var _ = host;

        await queue.SendMessageAsync("fail once and again");

        await Eventually.HoldsAsync(() => !function.Invocations.IsEmpty, "the message was first delivered", every: TimeSpan.FromMilliseconds(10));
        var hidden = Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => function.Invocations.Count >= 2, "the message was retried");

        // The first delivery was seen within 10 ms; hidden for 3 s (less up to a second, should Azurite count whole
        // seconds), the retry cannot come sooner than 2 s after it. Without the timeout it comes at the next poll.
        Assert.True(hidden.Elapsed >= TimeSpan.FromSeconds(2), $"retried {hidden.Elapsed.TotalSeconds:0.00} s after the first delivery; hidden for 00:00:03");
        Assert.Equal(function.Invocations.First().MessageId, function.Invocations.ElementAt(1).MessageId);
        Assert.Equal(2, function.Invocations.ElementAt(1).DequeueCount);
    }

    [Fact]
    public async Task Visibility_is_renewed_while_a_long_invocation_runs_so_it_is_not_delivered_twice()
    {
        var (queue, host, function) = await StartAsync(configure: o => o.ProcessingVisibilityTimeout = TimeSpan.FromSeconds(6));
        await using var _ = host;

        await queue.SendMessageAsync("slow");
        await Eventually.HoldsAsync(() => !function.Invocations.IsEmpty, "the function started");
        // Three renewals (every 3 s) outlast the 6 s visibility: without them the message would have reappeared and,
        // polled every 200 ms, been handed over a second time.
        await Eventually.HoldsAsync(() => host.Logs.Lines.Count(l => l.Contains("stays hidden until", StringComparison.Ordinal)) >= 3, "the visibility was renewed three times");
        function.ReleaseSlow();

        await Eventually.HoldsAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the message was deleted with the renewed pop receipt");
        Assert.Single(function.Invocations);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_poison_untouched_without_an_invocation()
    {
        var (queue, host, function) = await StartAsync();
        await using var _ = host;
        var raw = Client(queue.Name, QueueMessageEncoding.None);
        var poison = Client(PoisonQueueNaming.NameFor(queue.Name), QueueMessageEncoding.None);

        await raw.SendMessageAsync("plain text, not base64 !");

        await Eventually.HoldsAsync(async () => await PoisonCountAsync(poison) == 1, "the message reached the poison queue");
        Assert.Equal("plain text, not base64 !", Assert.Single((await poison.PeekMessagesAsync()).Value).MessageText);
        Assert.Empty(function.Invocations);
    }

    [Fact]
    public async Task A_message_already_dequeued_the_maximum_times_is_poisoned_without_an_invocation()
    {
        var queueName = AzuriteFixture.UniqueName("q");
        var queue = Client(queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"seen\":5}");
        for (var i = 0; i < 5; i++)
        {
            // Each receive counts a dequeue; making it visible again at once stands in for five crashed consumers.
            var received = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value);
            await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, (string?)null, TimeSpan.Zero);
        }

        var (_, host, function) = await StartAsync(queueName: queueName);
        await using var _ = host;
        var poison = Client(PoisonQueueNaming.NameFor(queueName));

        await Eventually.HoldsAsync(async () => await PoisonCountAsync(poison) == 1, "the message reached the poison queue");
        Assert.Empty(function.Invocations);
    }

    [Fact]
    public async Task Many_messages_are_each_processed_once_within_batch_size_plus_threshold_at_a_time()
    {
        var (queue, host, function) = await StartAsync(new()
        {
            [QueuesKey("batchSize")] = "4",
            [QueuesKey("newBatchThreshold")] = "2",
        });
        await using var _ = host;

        var sent = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            sent.Add((await queue.SendMessageAsync($"pause {i}")).Value.MessageId);
        }

        await Eventually.HoldsAsync(() => function.Invocations.Count >= 40, "all 40 messages ran");
        await Eventually.HoldsAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "all were deleted");
        Assert.Equal(sent.Order(), function.Invocations.Select(m => m.MessageId).Order());
        Assert.InRange(function.PeakConcurrency, 1, 6);
    }

    [Fact]
    public async Task Stopping_waits_for_a_running_invocation_and_then_completes_its_message()
    {
        var (queue, host, function) = await StartAsync();
        await queue.SendMessageAsync("slow but finishing");
        await Eventually.HoldsAsync(() => !function.Invocations.IsEmpty, "the function started");

        // Released only once shutdown has begun: a host that did not wait would be gone before the message is settled.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.Register(() => stopped.TrySetResult());
        var stopping = host.DisposeAsync().AsTask();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        function.ReleaseSlow();
        await stopping;
        Assert.Equal(1, function.Completed);

        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Single(function.Invocations);
    }

    [Fact]
    public async Task An_app_setting_overrides_host_json_as_it_does_in_the_functions_host()
    {
        var (_, host, _) = await StartAsync(new() { ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "3" });
        await using var _ = host;

        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<QueueTriggerOptions>>().Value;

        Assert.Equal(3, options.MaxDequeueCount);

        // The rest stays host.json's (its batchSize is derived from Zoho's limits: README.md, "Scale limits").
        using var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot.Path, "host.json")));
        Assert.Equal(hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("batchSize").GetInt32(), options.BatchSize);
    }

    [Fact]
    public async Task A_message_this_process_queues_wakes_the_listener_out_of_its_back_off()
    {
        var (queue, host, function) = await StartAsync(new() { [QueuesKey("maxPollingInterval")] = "00:10:00" });
        await using var _ = host;
        await Eventually.HoldsAsync(() => host.Logs.Lines.Count(l => l.Contains($"Queue {queue.Name} is empty", StringComparison.Ordinal)) >= 5, "the listener backed off");

        // Through the app's own queue client, as the intake queues its work.
        await host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(queue.Name).SendMessageAsync("from this process");

        await Eventually.HoldsAsync(() => function.Invocations.Any(m => m.MessageText == "from this process"), "the message was handled");
        Assert.Contains(host.Logs.Lines, l => l.Contains($"Queue {queue.Name}: woken by a message this process queued", StringComparison.Ordinal));
    }

    private static string QueuesKey(string name) => $"{HostJsonConfiguration.QueuesSection}:{name}";

    private QueueClient Client(string name, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = encoding });

    private static async Task<int> PoisonCountAsync(QueueClient poison)
    {
        try
        {
            return (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }

    private async Task<(QueueClient Queue, FunctionAppHost Host, RecordingQueueFunction Function)> StartAsync(
        Dictionary<string, string?>? settings = null, Action<QueueTriggerOptions>? configure = null, string? queueName = null)
    {
        queueName ??= AzuriteFixture.UniqueName("q");
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [QueuesKey("maxPollingInterval")] = "00:00:00.200",
            [QueuesKey("visibilityTimeout")] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        all[TestQueueTriggers.QueueSetting] = queueName;
        var host = await FunctionAppHost.StartAsync(
            (services, _) =>
            {
                services.AddSingleton<RecordingQueueFunction>();
                if (configure is not null)
                {
                    services.Configure(configure);
                }
            },
            all,
            typeof(TestQueueTriggers));
        var function = host.Services.GetRequiredService<RecordingQueueFunction>();
        var queue = Client(queueName);
        await queue.CreateIfNotExistsAsync();
        return (queue, host, function);
    }
}
