using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Intake;

/// <summary>
/// The HRIS-facing functions: webhooks in, each verified, validated and queued by its handler. They need a function key
/// in Azure and are signed as well.
/// </summary>
public sealed class IntakeFunctions(
    IntakeHandler intake,
    MergeIntakeHandler mergeIntake,
    RescindHandler rescind,
    ILogger<IntakeFunctions> logger)
{
    [Function("Intake")]
    public Task<IActionResult> IntakeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "offboardings")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(intake, request, logger, cancellationToken);

    [Function("MergeIntake")]
    public Task<IActionResult> MergeIntakeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/merge")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(mergeIntake, request, logger, cancellationToken);

    [Function("Rescind")]
    public Task<IActionResult> RescindAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "rescinds")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(rescind, request, logger, cancellationToken);
}
