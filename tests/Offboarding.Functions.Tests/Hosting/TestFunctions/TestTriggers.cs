using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Tests.Hosting.TestFunctions;

/// <summary>Test functions declared the way the app declares its own: [Function] methods with trigger attributes.</summary>
public sealed class TestHttpTriggers(ILogger<TestHttpTriggers> logger)
{
    [Function("SignedEcho")]
    public Task<IActionResult> EchoAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "put", Route = "echo/{id}")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(new SignedEchoFunction(), request, logger, cancellationToken);

    [Function("Throwing")]
    public Task<IActionResult> ThrowingAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "throwing")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(new ThrowingHttpFunction(), request, logger, cancellationToken);
}

/// <summary>A second function named like one in <see cref="TestHttpTriggers"/>: a host must refuse to start with both.</summary>
public sealed class DuplicateNameTriggers
{
    [Function("SignedEcho")]
    public static Task<IActionResult> EchoAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "other")] HttpRequest request) =>
        Task.FromResult<IActionResult>(new OkResult());
}

internal sealed class TestQueueTriggers(RecordingQueueFunction recorder)
{
    /// <summary>The setting that names the queue, so each test listens on a queue of its own.</summary>
    public const string QueueSetting = "TEST_QUEUE";

    [Function("RecordQueue")]
    public Task RunAsync([QueueTrigger($"%{QueueSetting}%")] QueueMessage message, CancellationToken cancellationToken) =>
        recorder.RunAsync(QueuesModelFactory.QueueMessage(message.MessageId, message.PopReceipt, message.MessageText, message.DequeueCount, insertedOn: message.InsertedOn, expiresOn: message.ExpiresOn), cancellationToken);
}

internal sealed class TestTimerTriggers(RecordingTimerFunction recorder)
{
    /// <summary>The setting that holds the schedule, as the app's poll reads POLL_SCHEDULE.</summary>
    public const string ScheduleSetting = "TEST_SCHEDULE";

    [Function("RecordTimer")]
    public Task RunAsync([TimerTrigger($"%{ScheduleSetting}%")] TimerInfo timer) => recorder.RunAsync(timer);
}
