using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Status;

namespace Offboarding.Functions.Triggers;

/// <summary>
/// The HTTP-triggered functions: each attribute is the one declaration of its route and methods (the build turns them
/// into functions.metadata for the Functions host; the local host reads the same attributes), each body one step.
/// Every route here needs a function key in Azure, and the webhooks are also signed; the operator routes are in
/// <see cref="OperatorTriggers"/>.
/// </summary>
public sealed class HttpTriggers(
    IntakeFunction intake,
    MergeIntakeFunction mergeIntake,
    RescindFunction rescind,
    HealthFunction health,
    ILogger<HttpTriggers> logger)
{
    [Function("Intake")]
    public Task<IActionResult> IntakeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "offboardings")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpFunctionRunner.RunAsync(intake, request, logger, cancellationToken);

    [Function("MergeIntake")]
    public Task<IActionResult> MergeIntakeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/merge")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpFunctionRunner.RunAsync(mergeIntake, request, logger, cancellationToken);

    [Function("Rescind")]
    public Task<IActionResult> RescindAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "rescinds")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpFunctionRunner.RunAsync(rescind, request, logger, cancellationToken);

    [Function("Health")]
    public Task<IActionResult> HealthAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpFunctionRunner.RunAsync(health, request, logger, cancellationToken);
}
