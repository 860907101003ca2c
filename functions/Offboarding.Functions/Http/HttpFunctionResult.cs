using Microsoft.AspNetCore.Mvc;

namespace Offboarding.Functions.Http;

/// <summary>A step's answer as the <see cref="IActionResult"/> an HTTP [Function] returns; it writes itself, so no MVC services are needed.</summary>
public sealed class HttpFunctionResult(HttpFunctionResponse response) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AspNetCoreResponseWriter.WriteAsync(context.HttpContext.Response, response, context.HttpContext.RequestAborted);
    }
}
