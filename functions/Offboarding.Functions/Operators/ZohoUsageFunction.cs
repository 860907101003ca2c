using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>The Zoho credit usage route; operators only, like <see cref="OperatorFunctions"/>.</summary>
public sealed class ZohoUsageFunction(OperatorEndpoint<ZohoUsageHandler> usage, ILogger<ZohoUsageFunction> logger)
{
    [Function("GetZohoUsage")]
    public Task<IActionResult> GetZohoUsageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "zoho/usage")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpHandlerRunner.RunAsync(usage, request, logger, cancellationToken);
}
