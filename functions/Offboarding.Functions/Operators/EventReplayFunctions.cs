using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>The operator routes that publish events again for subscribers that lost them (operator identity, reason required).</summary>
public sealed class EventReplayFunctions(
    OperatorEndpoint<ReplayOffboardingEventsHandler> offboarding,
    OperatorEndpoint<ReplayEventsHandler> range,
    ILogger<EventReplayFunctions> logger)
{
    [Function("ReplayOffboardingEvents")]
    public Task<IActionResult> ReplayOffboardingEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "offboardings/{id}/events/replay")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(offboarding, request, logger, cancellationToken);

    [Function("ReplayEvents")]
    public Task<IActionResult> ReplayEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "events/replay")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(range, request, logger, cancellationToken);
}
