using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Hosting;
using Offboarding.Functions.Tests.Hosting.TestFunctions;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Tests.Hosting.CustomHandler;

/// <summary>The queue trigger's payload: the message text as the host delivers it, and failure as non-2xx.</summary>
public sealed class QueuePayloadTests : IAsyncLifetime
{
    private const string MessageJson = "{\"offboardingId\":\"ob-1\",\"note\":\"caf\u00e9 \\\"quoted\\\"\"}";

    private FunctionAppHost _host = null!;

    private RecordingQueueFunction Function => _host.Services.GetServices<IQueueFunction>().OfType<RecordingQueueFunction>().Single();

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync(
        FunctionHostingMode.CustomHandler,
        services => services.AddSingleton<IQueueFunction>(sp => ActivatorUtilities.CreateInstance<RecordingQueueFunction>(sp, "offboarding-requests")));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> MessageShapes() => new()
    {
        // Plain JSON string, as the docs show.
        JsonSerializer.Serialize(MessageJson),
        // JSON-encoded a second time (the host runs strings through JsonConvert.SerializeObject).
        JsonSerializer.Serialize(JsonSerializer.Serialize(MessageJson)),
        // Parsed into an object by a host that recognised JSON.
        MessageJson,
    };

    [Theory]
    [MemberData(nameof(MessageShapes))]
    public async Task Every_documented_message_shape_reaches_the_function_as_the_message_text(string dataMessage)
    {
        var payload = $$"""
            { "Data": { "message": {{dataMessage}} },
              "Metadata": { "DequeueCount": 3, "Id": "800ae4b3-1111-2222-3333-444455556666",
                            "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=", "InsertionTime": "2026-01-02T03:04:05+00:00",
                            "ExpirationTime": "2026-01-09T03:04:05+00:00", "NextVisibleTime": "2026-01-02T03:14:05+00:00",
                            "sys": { "MethodName": "RecordQueue", "UtcNow": "2026-01-02T03:04:06Z", "RandGuid": "{{Guid.NewGuid()}}" } } }
            """;

        var (status, result) = await HostInvocation.PostAsync(_host.Client, "RecordQueue", payload);

        Assert.Equal(200, status);
        Assert.True(Function.Invocations.TryDequeue(out var message));
        using var parsed = JsonDocument.Parse(message.MessageText);
        Assert.Equal("ob-1", parsed.RootElement.GetProperty("offboardingId").GetString());
        Assert.Equal("caf\u00e9 \"quoted\"", parsed.RootElement.GetProperty("note").GetString());
        Assert.Equal(3, message.DequeueCount);
        Assert.Equal("800ae4b3-1111-2222-3333-444455556666", message.MessageId);
        Assert.Equal("AgAAAAMAAAAAAAAAAgtnj8x+1QE=", message.PopReceipt);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), message.InsertedOn);
        Assert.Equal(new DateTimeOffset(2026, 1, 9, 3, 4, 5, TimeSpan.Zero), message.ExpiresOn);
        Assert.Contains(HostInvocation.Logs(result), line => line.Contains("processing message 800ae4b3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dequeue_count_sent_as_a_string_is_read()
    {
        var payload = """{ "Data": { "message": "\"{}\"" }, "Metadata": { "DequeueCount": "5", "Id": "m" } }""";

        var (status, _) = await HostInvocation.PostAsync(_host.Client, "RecordQueue", payload);

        Assert.Equal(200, status);
        Assert.True(Function.Invocations.TryDequeue(out var message));
        Assert.Equal(5, message.DequeueCount);
        Assert.Equal("{}", message.MessageText);
    }

    [Fact]
    public async Task A_failing_function_answers_non_2xx_so_the_host_retries_and_the_logs_say_why()
    {
        var payload = """{ "Data": { "message": "{\"fail\":true}" }, "Metadata": { "DequeueCount": 1, "Id": "failing-1" } }""";

        var (status, result) = await HostInvocation.PostAsync(_host.Client, "RecordQueue", payload);

        Assert.Equal(500, status);
        var logs = HostInvocation.Logs(result);
        Assert.Contains(logs, line => line.Contains("test failure for failing-1", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_invocations_each_get_only_their_own_log_lines()
    {
        var tasks = Enumerable.Range(0, 20).Select(i => HostInvocation.PostAsync(
            _host.Client, "RecordQueue", $$"""{ "Data": { "message": "{}" }, "Metadata": { "DequeueCount": 1, "Id": "concurrent-{{i}}" } }""")).ToArray();

        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < results.Length; i++)
        {
            var lines = HostInvocation.Logs(results[i].Result).Where(line => line.Contains("processing message", StringComparison.Ordinal)).ToArray();
            Assert.Equal($"Information: {typeof(RecordingQueueFunction).FullName}: processing message concurrent-{i} dequeue 1", Assert.Single(lines));
        }
    }

    [Fact]
    public async Task A_missing_message_is_a_bad_payload_not_a_function_failure()
    {
        var (status, _) = await HostInvocation.PostAsync(_host.Client, "RecordQueue", """{ "Data": { "message": null, "other": 1 }, "Metadata": {} }""");

        Assert.Equal(400, status);
        Assert.Empty(Function.Invocations);
    }
}
