using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>The blast-radius hold's routes: see it, approve or reject what it holds; operators only, like <see cref="OperatorFunctions"/>.</summary>
public sealed class HoldFunctions(
    OperatorEndpoint<GetHoldHandler> getHold,
    OperatorEndpoint<ApproveHoldHandler> approveHold,
    OperatorEndpoint<RejectHoldHandler> rejectHold,
    ILogger<HoldFunctions> logger)
{
    [Function("GetHold")]
    public Task<IActionResult> GetHoldAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "holds")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(getHold, request, logger, cancellationToken);

    [Function("ApproveHold")]
    public Task<IActionResult> ApproveHoldAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "holds/approve")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(approveHold, request, logger, cancellationToken);

    [Function("RejectHold")]
    public Task<IActionResult> RejectHoldAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "holds/reject")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(rejectHold, request, logger, cancellationToken);
}
