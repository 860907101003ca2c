using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>
/// The operator routes on offboardings: no function key, an operator identity instead (Easy Auth in Azure, the operator key
/// elsewhere; <see cref="OperatorEndpoint{THandler}"/>), so a browser signed in with Entra ID can call them.
/// </summary>
public sealed class OperatorFunctions(
    OperatorEndpoint<ListOffboardingsHandler> list,
    OperatorEndpoint<CountOffboardingsHandler> count,
    OperatorEndpoint<GetOffboardingHandler> get,
    OperatorEndpoint<CancelOffboardingHandler> cancel,
    OperatorEndpoint<RetryOffboardingHandler> retry,
    ILogger<OperatorFunctions> logger)
{
    [Function("ListOffboardings")]
    public Task<IActionResult> ListOffboardingsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offboardings")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(list, request, logger, cancellationToken);

    [Function("CountOffboardings")]
    public Task<IActionResult> CountOffboardingsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offboardings/counts")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(count, request, logger, cancellationToken);

    [Function("GetOffboarding")]
    public Task<IActionResult> GetOffboardingAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offboardings/{id}")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(get, request, logger, cancellationToken);

    [Function("CancelOffboarding")]
    public Task<IActionResult> CancelOffboardingAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "offboardings/{id}/cancel")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(cancel, request, logger, cancellationToken);

    [Function("RetryOffboarding")]
    public Task<IActionResult> RetryOffboardingAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "offboardings/{id}/retry")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(retry, request, logger, cancellationToken);
}
