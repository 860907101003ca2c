using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Health;

/// <summary><c>GET /api/health</c> for probes and operators: a function key in Azure, no personal data.</summary>
public sealed class HealthFunction(HealthHandler health, ILogger<HealthFunction> logger)
{
    [Function("Health")]
    public Task<IActionResult> HealthAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(health, request, logger, cancellationToken);
}
