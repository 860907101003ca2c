using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;

namespace Offboarding.Functions.Batches;

/// <summary>The batch routes: operator identity as the other operator routes (<see cref="OperatorEndpoint{THandler}"/>).</summary>
public sealed class BatchFunctions(
    OperatorEndpoint<SubmitBatchHandler> submit,
    OperatorEndpoint<ListBatchesHandler> list,
    OperatorEndpoint<GetBatchHandler> get,
    OperatorEndpoint<BatchReportHandler> report,
    IOptions<BatchesOptions> options,
    ILogger<BatchFunctions> logger)
{
    [Function("SubmitBatch")]
    public Task<IActionResult> SubmitBatchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(submit, request, logger, options.Value.MaxUploadBytes, cancellationToken);

    [Function("ListBatches")]
    public Task<IActionResult> ListBatchesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(list, request, logger, cancellationToken);

    [Function("GetBatch")]
    public Task<IActionResult> GetBatchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(get, request, logger, cancellationToken);

    [Function("BatchReport")]
    public Task<IActionResult> BatchReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}/report")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(report, request, logger, cancellationToken);
}

/// <summary>The decisions on a batch, each its own route.</summary>
public sealed class BatchActionFunctions(
    OperatorEndpoint<ApproveBatchHandler> approve,
    OperatorEndpoint<RejectBatchHandler> reject,
    OperatorEndpoint<PauseBatchHandler> pause,
    OperatorEndpoint<ResumeBatchHandler> resume,
    OperatorEndpoint<CancelBatchHandler> cancel,
    ILogger<BatchActionFunctions> logger)
{
    [Function("ApproveBatch")]
    public Task<IActionResult> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/approve")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(approve, request, logger, cancellationToken);

    [Function("RejectBatch")]
    public Task<IActionResult> RejectAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/reject")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(reject, request, logger, cancellationToken);

    [Function("PauseBatch")]
    public Task<IActionResult> PauseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/pause")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(pause, request, logger, cancellationToken);

    [Function("ResumeBatch")]
    public Task<IActionResult> ResumeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/resume")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(resume, request, logger, cancellationToken);

    [Function("CancelBatch")]
    public Task<IActionResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/cancel")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(cancel, request, logger, cancellationToken);
}

/// <summary>The batch dispatcher's timer: every second, and in cycles of 200 ms while a batch can start people, start as many people of
/// approved batches as Zoho job slots are free.</summary>
public sealed class BatchDispatchFunction(BatchDispatcher dispatcher, TimeProvider time)
{
    // A literal schedule: the dispatcher is cheap when no batch runs (one filtered query), and its pace is Zoho's, not a setting's.
    [Function("BatchDispatch")]
    public Task DispatchAsync([TimerTrigger("*/1 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.RunUntilAsync(time.GetUtcNow() + TimeSpan.FromSeconds(1), cancellationToken);
}
