using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.OperatorConsole;

/// <summary>
/// The operator console's page and assets. Anonymous like the published contracts: the files carry no data, and the
/// operator API they call checks the operator's identity itself (Easy Auth in Azure, the operator key locally).
/// </summary>
public sealed class ConsoleFunctions(ConsoleAssets assets)
{
    [Function("Console")]
    public IActionResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest request) =>
        assets.PageResult();

    [Function("ConsoleAsset")]
    public IActionResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{name}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return assets.AssetResult(request.RouteValue("name"));
    }
}
